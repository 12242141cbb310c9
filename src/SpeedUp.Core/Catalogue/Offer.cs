using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>A speed-up pack that can be sold for a line: a target rate in one direction, as one product type.</summary>
public sealed record Offer(Direction Direction, int BandwidthMbps, ProductType Product)
{
    /// <summary>The "monthly" duration value of the upstream API.</summary>
    public const long MonthlyDurationHours = 9999;

    /// <summary>Stable offer id: direction × 100000 + bandwidth × 10 + product (e.g. DOWN 200 Mbps hour pack = 202001).</summary>
    public long OfferId => ((int)Direction * 100_000L) + (BandwidthMbps * 10L) + (int)Product;

    /// <summary>Duration in hours as the upstream API reports it (1, or 9999 for the 30-day pack).</summary>
    public long DurationHours => Product == ProductType.HourPack ? 1 : MonthlyDurationHours;

    /// <summary>The target rate in kbit/s.</summary>
    public long BandwidthKbps => BandwidthMbps * 1000L;

    /// <summary>Decodes an offer id; null when it is not one of ours.</summary>
    public static Offer? FromOfferId(long offerId)
    {
        // Only 1xxxxx (up) and 2xxxxx (down) can be ours; checked before narrowing, which would wrap larger ids onto them.
        if (offerId is < 100_000 or >= 300_000)
        {
            return null;
        }

        var direction = (Direction)(offerId / 100_000);
        var bandwidth = (int)(offerId % 100_000 / 10);
        var product = (ProductType)(offerId % 10);
        if (!Enum.IsDefined(direction) || !Enum.IsDefined(product) || bandwidth <= 0)
        {
            return null;
        }

        return new Offer(direction, bandwidth, product);
    }
}
