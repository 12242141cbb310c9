using Broadband.SpeedUp.V1;
using Grpc.Core;

namespace SpeedUp.Testing;

/// <summary>Buying the order a start needs.</summary>
public static class Ordering
{
    /// <summary>The stable offer id (direction × 100000 + Mbps × 10 + product: 1 hour pack, 2 30-day pack).</summary>
    public static long OfferId(Direction direction, int mbps, ProductType product) =>
        (direction == Direction.Up ? 100_000L : 200_000L) + (mbps * 10L) + (product == ProductType.HourPack ? 1 : 2);

    /// <summary>Orders a 30-day pack of the pre-checked line (unlimited use, each start up to 4 h).</summary>
    public static async Task<OrderOfferResponse> OrderThirtyDayPackAsync(
        this SpeedUpService.SpeedUpServiceClient client, long bandId, Direction direction, int mbps,
        Metadata? headers = null, CancellationToken cancellationToken = default) =>
        await client.OrderOfferAsync(
            new OrderOfferRequest { BandId = bandId, OfferId = OfferId(direction, mbps, ProductType.ThirtyDayPack) },
            headers, cancellationToken: cancellationToken);
}
