using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Orders;

/// <summary>
/// An offer bought by a customer for a line. <see cref="FrozenAmount"/> (the list price) was pre-deducted from the
/// balance; the month-end settlement of <see cref="BillingMonth"/> (CST, <c>yyyy-MM</c>) charges the tier price.
/// An hour pack holds <see cref="HourPackMinutes"/> metered minutes until <see cref="ExpiresAt"/> (CST month end);
/// a 30-day pack is unlimited until <see cref="ExpiresAt"/> (the end of its 30th natural CST day, the day of ordering
/// being the first: <see cref="ThirtyDayPack.ExpiryOf"/>).
/// </summary>
public sealed record OfferOrder(
    string OrderId,
    string CustomerId,
    long BandId,
    long OfferId,
    Direction Direction,
    int BandwidthMbps,
    ProductType Product,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    decimal FrozenAmount,
    string BillingMonth,
    string? ClientRequestId = null,
    string? RequestHash = null)
{
    /// <summary>Metered minutes in one hour pack.</summary>
    public const int HourPackMinutes = 60;

    /// <summary>Whether the order may be used at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => CreatedAt <= now && now < ExpiresAt;
}
