using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Orders;
using SpeedUp.Drivers;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Balances changed by two instances at once: orders, settlements and top-ups stay exact.</summary>
public sealed class PostgresMoneyConcurrencyTests(PostgresClusterFixture postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private PostgresDatabase _first = null!;
    private PostgresDatabase _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        _first = TestInstances.Database(connectionString);
        _second = TestInstances.Database(connectionString);
        await new PostgresCustomerStore(_first).CreateAsync(new Customer("c-1", "One", true, 100m, 0m, Now), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task PlaceAsync_SameClientRequestFromTwoInstances_PlacesOnceAndFreezesOnce()
    {
        var stores = new[] { new PostgresOrderStore(_first), new PostgresOrderStore(_second) };

        var placements = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => stores[i % 2].PlaceAsync(Order($"o-{i}", 30m, "req-1"), Ct)));

        Assert.Equal(1, placements.Count(p => p == OrderPlacement.Placed));
        Assert.Equal(7, placements.Count(p => p == OrderPlacement.DuplicateClientRequest));
        var customer = await new PostgresCustomerStore(_first).FindAsync("c-1", Ct);
        Assert.Equal((70m, 30m), (customer!.Balance, customer.Frozen));
    }

    [Fact]
    public async Task PlaceAsync_ManyOrdersPastBalanceFromTwoInstances_NeverOverdraws()
    {
        var stores = new[] { new PostgresOrderStore(_first), new PostgresOrderStore(_second) };

        var placements = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => stores[i % 2].PlaceAsync(Order($"o-{i}", 30m, $"req-{i}"), Ct)));

        Assert.Equal(3, placements.Count(p => p == OrderPlacement.Placed));
        Assert.Equal(7, placements.Count(p => p == OrderPlacement.InsufficientBalance));
        var customer = await new PostgresCustomerStore(_second).FindAsync("c-1", Ct);
        Assert.Equal((10m, 90m), (customer!.Balance, customer.Frozen));
    }

    [Fact]
    public async Task SaveSettlementAsync_SameMonthFromTwoInstances_ChargesOnce()
    {
        Assert.Equal(OrderPlacement.Placed, await new PostgresOrderStore(_first).PlaceAsync(Order("o-1", 30m, null), Ct));
        var stores = new[] { new PostgresSettlementStore(_first), new PostgresSettlementStore(_second) };
        var bill = new Bill("c-1", "2026-12", true, Now, [new BillLine(Direction.Down, 100, ProductType.HourPack, 1, 20m, 20m, 30m)]);

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => stores[i % 2].SaveSettlementAsync(bill with { SettledAt = Now.AddSeconds(i) }, Ct)));

        Assert.Single(saved.Select(b => b.SettledAt).Distinct());
        Assert.All(saved, b => Assert.Equal(20m, b.Total));
        var customer = await new PostgresCustomerStore(_first).FindAsync("c-1", Ct);
        Assert.Equal((80m, 0m), (customer!.Balance, customer.Frozen));
    }

    [Fact]
    public async Task TopUpAsync_ManyAtOnceFromTwoInstances_AddsEveryAmount()
    {
        var stores = new[] { new PostgresCustomerStore(_first), new PostgresCustomerStore(_second) };

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stores[i % 2].TopUpAsync("c-1", 1.5m, Ct)));

        Assert.Equal(130m, (await stores[0].FindAsync("c-1", Ct))!.Balance);
    }

    private static OfferOrder Order(string id, decimal price, string? clientRequestId) => new(
        id, "c-1", 1, 200_1001, Direction.Down, 100, ProductType.HourPack, Now, Now.AddDays(30), price, "2026-12", clientRequestId, clientRequestId is null ? null : "hash");
}
