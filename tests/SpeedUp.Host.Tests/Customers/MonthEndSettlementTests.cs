using Broadband.SpeedUp.Admin.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Orders;
using SpeedUp.Storage.Sqlite;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;
using Direction = SpeedUp.Drivers.Direction;
using ProductType = SpeedUp.Core.Catalogue.ProductType;

namespace SpeedUp.Host.Tests.Customers;

/// <summary>The service settles a finished month by itself at start-up, without an operator's RunSettlement.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class MonthEndSettlementTests(SimulatedNetworks networks) : IDisposable
{
    private const string Customer = "monthly";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-month-end-{Guid.NewGuid():N}.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(_database) + "*"))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Settlement_AtStartUp_SettlesLastMonthAndChargesOnce()
    {
        // Orders of the month before this one (CST), written as an earlier run of the service would have.
        var lastMonth = BillingMonth.Of(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10)).Previous;
        var orderedAt = lastMonth.Start.AddDays(2);
        using (var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = _database })))
        {
            await new SqliteCustomerStore(database).SeedAsync(Customer, "Monthly Ltd", true, 100m, orderedAt, Ct);
            var orders = new SqliteOrderStore(database);
            for (var i = 0; i < 3; i++)
            {
                await orders.PlaceAsync(new OfferOrder($"MONTHEND{i}", Customer, 330100001, 202001, Direction.Down, 200, ProductType.HourPack,
                    orderedAt.AddMinutes(i), lastMonth.End, 1.00m, lastMonth.ToString()), Ct);
            }
        }

        SqliteConnection.ClearAllPools();
        await using var service = await InProcessService.StartAsync(networks.Simulators, _database);
        var request = new GetBillRequest { CustomerId = Customer, Month = lastMonth.ToString() };
        var bill = await Eventually.ValueAsync(
            async () => await service.Customers.GetBillAsync(request, cancellationToken: Ct), b => b.Settled, "The month was not settled after start-up", Ct);

        Assert.True(bill.Settled, "the month was settled by the service at start-up");
        Assert.Equal(("3.00", "3.00", "0.00"), (bill.Total, bill.Frozen, bill.Released));
        var customer = await service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = Customer }, cancellationToken: Ct);
        Assert.Equal(("97.00", "0.00"), (customer.Balance, customer.Frozen));
        var rerun = await service.Customers.RunSettlementAsync(new RunSettlementRequest { Month = lastMonth.ToString() }, cancellationToken: Ct);
        Assert.Equal(bill.SettledAt, Assert.Single(rerun.Bills).SettledAt);
        await service.WaitForOutputAsync($"Settled {lastMonth} for customer {Customer}: charged 3.00 CNY", Ct);
    }
}
