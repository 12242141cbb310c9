using System.Globalization;

namespace SpeedUp.Core.Billing;

/// <summary>
/// Money is CNY as <see cref="decimal"/> in the domain and an integer count of 1/10000 CNY ("units") in storage,
/// so nothing is ever rounded: an amount with more than four decimals is refused.
/// </summary>
public static class Money
{
    /// <summary>Storage units per yuan.</summary>
    public const long UnitsPerYuan = 10_000;

    /// <summary>Whether <paramref name="amount"/> is a whole number of units.</summary>
    public static bool IsExact(decimal amount) => decimal.Round(amount, 4) == amount;

    /// <summary>The amount in units; throws when it is not a whole number of units.</summary>
    public static long ToUnits(decimal amount)
    {
        if (!IsExact(amount))
        {
            throw new ArgumentException($"{amount} CNY has more than four decimals.", nameof(amount));
        }

        return decimal.ToInt64(amount * UnitsPerYuan);
    }

    /// <summary>The amount of <paramref name="units"/>.</summary>
    public static decimal FromUnits(long units) => units / (decimal)UnitsPerYuan;

    /// <summary>Invariant text with at least two decimals, e.g. <c>80000.00</c>, <c>0.8125</c>.</summary>
    public static string Format(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>Parses invariant decimal text (as <see cref="Format"/> writes it); null when it is not a number.</summary>
    public static decimal? Parse(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
