using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Billing;

/// <summary>
/// Month-end settlement: each (direction, bandwidth, product) bucket's monthly volume picks the tier whose unit price
/// applies to every order of the bucket; the bill charges that and releases the rest of the amount frozen when
/// ordering. Only a month that is over (CST) can be settled; settling is idempotent.
/// </summary>
public sealed class SettlementService(ISettlementStore store, PriceList prices, TimeProvider time)
{
    /// <summary>Settles <paramref name="month"/> (<c>yyyy-MM</c>) for one customer, or for every customer with orders in it.</summary>
    public async Task<IReadOnlyList<Bill>> SettleAsync(string? month, string? customerId, CancellationToken cancellationToken)
    {
        var period = RequireMonth(month);
        if (time.GetUtcNow() < period.End)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"{period} is not over yet (it ends at {period.End:yyyy-MM-dd HH:mm} CST); settle it after month end.");
        }

        var customers = string.IsNullOrEmpty(customerId)
            ? await store.ListCustomersWithOrdersAsync(period.ToString(), cancellationToken).ConfigureAwait(false)
            : [Customers.CustomerService.RequireId(customerId)];
        var bills = new List<Bill>();
        foreach (var customer in customers)
        {
            bills.Add(await store.FindBillAsync(customer, period.ToString(), cancellationToken).ConfigureAwait(false)
                ?? await SettleOneAsync(customer, period, cancellationToken).ConfigureAwait(false));
        }

        return bills;
    }

    /// <summary>
    /// Settles, oldest first, every customer's unsettled bill of the <paramref name="catchUpMonths"/> latest months that
    /// ended (CST) at least <paramref name="delay"/> ago; returns the bills it settled (none when all were).
    /// </summary>
    public async Task<IReadOnlyList<Bill>> SettleDueMonthsAsync(TimeSpan delay, int catchUpMonths, CancellationToken cancellationToken)
    {
        var latest = BillingMonth.Of(time.GetUtcNow() - delay).Previous;
        var months = new Stack<BillingMonth>();
        for (var month = latest; months.Count < catchUpMonths; month = month.Previous)
        {
            months.Push(month);
        }

        var settled = new List<Bill>();
        foreach (var month in months)
        {
            foreach (var customer in await store.ListCustomersWithOrdersAsync(month.ToString(), cancellationToken).ConfigureAwait(false))
            {
                if (await store.FindBillAsync(customer, month.ToString(), cancellationToken).ConfigureAwait(false) is null)
                {
                    settled.Add(await SettleOneAsync(customer, month, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return settled;
    }

    /// <summary>The settled bill of the month, or (not settled yet) a preview at the current volumes.</summary>
    public async Task<Bill> GetBillAsync(string? customerId, string? month, CancellationToken cancellationToken)
    {
        var customer = Customers.CustomerService.RequireId(customerId);
        var period = RequireMonth(month);
        return await store.FindBillAsync(customer, period.ToString(), cancellationToken).ConfigureAwait(false)
            ?? await PreviewAsync(customer, period, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Bill> SettleOneAsync(string customerId, BillingMonth month, CancellationToken cancellationToken)
    {
        var preview = await PreviewAsync(customerId, month, cancellationToken).ConfigureAwait(false);
        return await store.SaveSettlementAsync(preview with { Settled = true, SettledAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Bill> PreviewAsync(string customerId, BillingMonth month, CancellationToken cancellationToken)
    {
        var lines = new List<BillLine>();
        foreach (var bucket in await store.ListBucketsAsync(customerId, month.ToString(), cancellationToken).ConfigureAwait(false))
        {
            var table = prices.Find(bucket.Direction, bucket.BandwidthMbps, bucket.Product)
                ?? throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Internal,
                    $"No price table for {bucket.Direction} {bucket.BandwidthMbps} Mbps {bucket.Product}, which has orders in {month}.");
            var unit = table.UnitPriceFor(bucket.Volume);
            lines.Add(new BillLine(bucket.Direction, bucket.BandwidthMbps, bucket.Product, bucket.Volume, unit, unit * bucket.Volume, bucket.Frozen));
        }

        return new Bill(customerId, month.ToString(), false, null, lines);
    }

    private static BillingMonth RequireMonth(string? month) => BillingMonth.Parse(month) is { Year: >= 2000 and <= 9999 } parsed
        ? parsed
        : throw SpeedUpException.InvalidParameter("month must be yyyy-MM (a CST month), e.g. 2026-11.");
}
