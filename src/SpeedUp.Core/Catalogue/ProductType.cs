namespace SpeedUp.Core.Catalogue;

/// <summary>The two kinds of speed-up pack the product sells.</summary>
public enum ProductType
{
    /// <summary>Hour pack: metered by the hour, expires at month end.</summary>
    HourPack = 1,

    /// <summary>30-day pack: unlimited time for 30 natural days (duration reported as 9999).</summary>
    ThirtyDayPack = 2,
}
