using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Billing;

/// <summary>
/// Month-end settlement: each (direction, product) bucket's monthly volume — orders of every bandwidth of that direction
/// and pack type together, the table's bandwidth being the row's maximum — picks the tier whose unit price applies to
/// every order of the bucket; the bill charges that and releases the rest of the amount frozen when
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
        var stored = await store.ListBucketsAsync(customerId, month.ToString(), cancellationToken).ConfigureAwait(false);
        foreach (var bucket in stored.GroupBy(b => (b.Direction, b.Product)).OrderBy(g => g.Key.Direction).ThenBy(g => g.Key.Product))
        {
            var (direction, product) = bucket.Key;
            var widest = bucket.Max(b => b.BandwidthMbps);
            var table = prices.Find(direction, widest, product)
                ?? throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Internal,
                    $"No price table for {direction} {widest} Mbps {product}, which has orders in {month}.");
            var volume = bucket.Sum(b => b.Volume);
            var unit = table.UnitPriceFor(volume);
            lines.Add(new BillLine(direction, table.BandwidthMbps, product, volume, unit, unit * volume, bucket.Sum(b => b.Frozen)));
        }

        return new Bill(customerId, month.ToString(), false, null, lines);
    }

    private static BillingMonth RequireMonth(string? month) => BillingMonth.Parse(month) is { Year: >= 2000 and <= 9999 } parsed
        ? parsed
        : throw SpeedUpException.InvalidParameter("month must be yyyy-MM (a CST month), e.g. 2026-11.");
}
