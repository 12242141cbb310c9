using System.Globalization;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Validation;

namespace SpeedUp.Core.Orders;

/// <summary>
/// Takes offer orders: the offer must come from the customer's valid pre-check of that line; an hour pack cannot be
/// ordered in a direction that has a 30-day pack this month (order exclusion); the list price is frozen on the
/// balance (pre-deduction). Orders of one line are taken one at a time (<see cref="ILineLocks"/>).
/// </summary>
public sealed class OrderService(
    PrecheckGuard prechecks, OfferCatalogue catalogue, IOrderStore orders, PriceList prices, ILineLocks locks, TimeProvider time)
{
    /// <summary>
    /// Orders <paramref name="offerId"/> for the line <paramref name="bandId"/> on behalf of <paramref name="customerId"/>
    /// (an active customer). With a <paramref name="clientRequestId"/>, a retry returns the first order.
    /// </summary>
    public async Task<OfferOrder> OrderAsync(
        string customerId, long bandId, long offerId, string? clientRequestId, CancellationToken cancellationToken)
    {
        bandId = RequestValidator.BandId(bandId);
        var offered = RequestValidator.OfferId(offerId);
        if (!catalogue.IsKnownTier(offered.Direction, offered.BandwidthMbps))
        {
            throw SpeedUpException.InvalidParameter(
                $"offer_id {offerId} is not an offer of the product: {offered.BandwidthMbps} Mbps {offered.Direction} is not a speed-up tier.");
        }

        var requestId = ClientRequestIds.Validate(clientRequestId);
        var hash = ClientRequestIds.Fingerprint(string.Create(CultureInfo.InvariantCulture, $"order|{bandId}|{offerId}"));

        await using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (requestId is not null && await orders.FindByClientRequestAsync(customerId, requestId, cancellationToken).ConfigureAwait(false) is { } first)
        {
            ClientRequestIds.RequireSameBody(requestId, first.RequestHash, hash);
            return first;
        }

        var precheck = await prechecks.RequireValidAsync(customerId, bandId, cancellationToken).ConfigureAwait(false);
        var offer = precheck.Offers.FirstOrDefault(o => o.OfferId == offerId)
            ?? throw OrderFailure($"Offer {offerId} is not among the offers of band_id {bandId}'s pre-check.");
        var table = prices.Find(offer.Direction, offer.BandwidthMbps, offer.Product)
            ?? throw OrderFailure($"Offer {offerId} ({offer.Direction} {offer.BandwidthMbps} Mbps {offer.Product}) has no price configured.");

        var now = time.GetUtcNow();
        var month = BillingMonth.Of(now);
        if (offer.Product == ProductType.HourPack)
        {
            var lineOrders = await orders.ListLineOrdersAsync(customerId, bandId, offer.Direction, month.Start, cancellationToken).ConfigureAwait(false);
            if (lineOrders.FirstOrDefault(o => o.Product == ProductType.ThirtyDayPack && (o.CreatedAt >= month.Start || o.IsValidAt(now))) is { } monthly)
            {
                throw OrderFailure(
                    $"band_id {bandId} has a 30-day pack {offer.Direction} this month (order {monthly.OrderId}, until {monthly.ExpiresAt:O}); " +
                    $"an hour pack {offer.Direction} cannot be ordered alongside it (order exclusion).");
            }
        }

        var expiresAt = offer.Product == ProductType.HourPack ? month.End : ThirtyDayPack.ExpiryOf(now);
        var order = new OfferOrder(
            "LX" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(), customerId, bandId, offerId, offer.Direction,
            offer.BandwidthMbps, offer.Product, now, expiresAt, table.ListPrice, month.ToString(), requestId, hash);
        switch (await orders.PlaceAsync(order, cancellationToken).ConfigureAwait(false))
        {
            case OrderPlacement.Placed:
                return order;
            case OrderPlacement.InsufficientBalance:
                throw OrderFailure(
                    $"The balance does not cover the price of offer {offerId} ({Money.Format(table.ListPrice)} CNY is frozen when ordering); top up first.");
            case OrderPlacement.DuplicateClientRequest:
                var existing = await orders.FindByClientRequestAsync(customerId, requestId!, cancellationToken).ConfigureAwait(false);
                ClientRequestIds.RequireSameBody(requestId!, existing?.RequestHash, hash);
                return existing!;
            default:
                throw new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied, "The calling customer is not known.");
        }
    }

    private static SpeedUpException OrderFailure(string message) =>
        new(ProductErrorCode.CreateOrderFailure, FailureKind.FailedPrecondition, message);
}
