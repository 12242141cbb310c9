namespace SpeedUp.Core.Billing;

/// <summary>Durable settlements (bills) and the monthly volumes they are made from.</summary>
public interface ISettlementStore
{
    /// <summary>The customer's orders of a billing month, counted per bucket (with the amounts they froze).</summary>
    Task<IReadOnlyList<BucketVolume>> ListBucketsAsync(string customerId, string month, CancellationToken cancellationToken);

    /// <summary>Customers with orders in the billing month.</summary>
    Task<IReadOnlyList<string>> ListCustomersWithOrdersAsync(string month, CancellationToken cancellationToken);

    /// <summary>The settled bill of a customer and month, or null.</summary>
    Task<Bill?> FindBillAsync(string customerId, string month, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction, unless that customer and month are already settled: saves the bill, releases the month's
    /// frozen amount and charges its total (balance += frozen − total, frozen −= frozen). Returns the bill that
    /// stands: this one, or the one saved before (so settling twice charges once).
    /// </summary>
    Task<Bill> SaveSettlementAsync(Bill bill, CancellationToken cancellationToken);
}
