using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Validation;

namespace SpeedUp.Core.Orders;

/// <summary>Takes offer orders: the offer must come from a valid pre-check of that line.</summary>
public sealed class OrderService(PrecheckGuard prechecks, IOrderStore orders, TimeProvider time)
{
    /// <summary>Orders <paramref name="offerId"/> for the line <paramref name="bandId"/>.</summary>
    public async Task<OfferOrder> OrderAsync(long bandId, long offerId, CancellationToken cancellationToken)
    {
        bandId = RequestValidator.BandId(bandId);
        if (offerId <= 0)
        {
            throw SpeedUpException.InvalidParameter($"offer_id must be a positive number, got {offerId}.");
        }

        var precheck = await prechecks.RequireValidAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (!precheck.Offers.Any(o => o.OfferId == offerId))
        {
            throw new SpeedUpException(ProductErrorCode.CreateOrderFailure, FailureKind.FailedPrecondition,
                $"Offer {offerId} is not among the offers of band_id {bandId}'s pre-check.");
        }

        var order = new OfferOrder("LX" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(), bandId, offerId, time.GetUtcNow());
        await orders.InsertAsync(order, cancellationToken).ConfigureAwait(false);
        return order;
    }
}
