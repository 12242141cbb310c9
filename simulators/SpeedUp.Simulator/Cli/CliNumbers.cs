using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>How every CLI face reads a number: decimal digits only (no sign, no spaces).</summary>
internal static class CliNumbers
{
    /// <summary>Decimal digits only (no sign, no spaces), at most <paramref name="max"/>.</summary>
    public static bool TryParse(string text, long max, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 10
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= max;
    }
}
