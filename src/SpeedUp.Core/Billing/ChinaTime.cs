using System.Globalization;

namespace SpeedUp.Core.Billing;

/// <summary>
/// The product's days and months are China Standard Time (UTC+8, no daylight saving): a day or month starts at
/// CST midnight, e.g. 2026-11-30T16:30Z is already 2026-12-01 in CST.
/// </summary>
public static class ChinaTime
{
    /// <summary>CST's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The CST calendar day of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a CST day starts.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The instant in CST, e.g. <c>2026-11-23 16:00:00</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>A CST calendar month, the billing period.</summary>
public readonly record struct BillingMonth(int Year, int Month)
{
    /// <summary>The month containing <paramref name="instant"/> (CST).</summary>
    public static BillingMonth Of(DateTimeOffset instant)
    {
        var day = ChinaTime.DateOf(instant);
        return new BillingMonth(day.Year, day.Month);
    }

    /// <summary>Parses <c>yyyy-MM</c>; null when malformed.</summary>
    public static BillingMonth? Parse(string? text) =>
        text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new BillingMonth(day.Year, day.Month)
            : null;

    /// <summary>Its first day.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>Its last day.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>CST midnight of its first day.</summary>
    public DateTimeOffset Start => ChinaTime.StartOf(FirstDay);

    /// <summary>CST midnight of the next month's first day: month end.</summary>
    public DateTimeOffset End => ChinaTime.StartOf(FirstDay.AddMonths(1));

    /// <summary>The month before.</summary>
    public BillingMonth Previous
    {
        get
        {
            var day = FirstDay.AddMonths(-1);
            return new BillingMonth(day.Year, day.Month);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
