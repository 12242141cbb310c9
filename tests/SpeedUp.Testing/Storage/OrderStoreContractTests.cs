using SpeedUp.Core.Customers;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IOrderStore"/> and <see cref="ICustomerStore"/>: an order and the balance it freezes
/// change together, and never overdraw the balance, also when several instances place orders at once.
/// </summary>
public abstract class OrderStoreContractTests : StoreContractTests
{
    private IOrderStore Orders => Get<IOrderStore>();

    private ICustomerStore Customers => Get<ICustomerStore>();

    [Fact]
    public async Task PlaceAsync_BalanceCoversThePrice_FreezesItAndSavesTheOrder()
    {
        await Customers.CreateAsync(Customer("c1", 100m), Ct);
        var order = Order("LX1", "c1", 30.5m, clientRequestId: "req-1");

        Assert.Equal(OrderPlacement.Placed, await Orders.PlaceAsync(order, Ct));

        var customer = await Customers.FindAsync("c1", Ct);
        Assert.Equal((69.5m, 30.5m), (customer!.Balance, customer.Frozen));
        Assert.Equal(order, await Orders.FindAsync("LX1", Ct));
        Assert.Equal(order, await Orders.FindByClientRequestAsync("c1", "req-1", Ct));
        Assert.Null(await Orders.FindByClientRequestAsync("c2", "req-1", Ct));
        Assert.Null(await Orders.FindAsync("LX2", Ct));
    }

    [Fact]
    public async Task PlaceAsync_InsufficientBalance_ChangesNothing()
    {
        await Customers.CreateAsync(Customer("c1", 29.9999m), Ct);

        Assert.Equal(OrderPlacement.InsufficientBalance, await Orders.PlaceAsync(Order("LX1", "c1", 30m), Ct));

        var customer = await Customers.FindAsync("c1", Ct);
        Assert.Equal((29.9999m, 0m), (customer!.Balance, customer.Frozen));
        Assert.Null(await Orders.FindAsync("LX1", Ct));
        Assert.Equal(OrderPlacement.Placed, await Orders.PlaceAsync(Order("LX2", "c1", 29.9999m), Ct)); // exactly the balance is enough
    }

    [Fact]
    public async Task PlaceAsync_UnknownCustomer_SavesNothing()
    {
        Assert.Equal(OrderPlacement.UnknownCustomer, await Orders.PlaceAsync(Order("LX1", "nobody", 1m), Ct));

        Assert.Null(await Orders.FindAsync("LX1", Ct));
        Assert.Null(await Customers.FindAsync("nobody", Ct));
    }

    [Fact]
    public async Task PlaceAsync_ClientRequestIdUsedBefore_IsDuplicateAndFreezesOnce()
    {
        await Customers.CreateAsync(Customer("c1", 100m), Ct);
        await Customers.CreateAsync(Customer("c2", 100m), Ct);
        var first = Order("LX1", "c1", 10m, clientRequestId: "req-1");
        await Orders.PlaceAsync(first, Ct);

        var again = await Get<IOrderStore>(await SecondInstanceAsync()).PlaceAsync(Order("LX2", "c1", 10m, clientRequestId: "req-1"), Ct);

        Assert.Equal(OrderPlacement.DuplicateClientRequest, again);
        Assert.Null(await Orders.FindAsync("LX2", Ct));
        Assert.Equal(first, await Orders.FindByClientRequestAsync("c1", "req-1", Ct));
        Assert.Equal((90m, 10m), await BalanceAsync("c1"));
        Assert.Equal(OrderPlacement.Placed, await Orders.PlaceAsync(Order("LX3", "c2", 10m, clientRequestId: "req-1"), Ct)); // ids are per customer
    }

    [Fact]
    public async Task PlaceAsync_ConcurrentOrdersFromTwoInstancesBeyondTheBalance_PlaceExactlyWhatIsAffordable()
    {
        await Customers.CreateAsync(Customer("c1", 50m), Ct);
        var instances = new[] { Orders, Get<IOrderStore>(await SecondInstanceAsync()) };

        var placements = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => instances[i % 2].PlaceAsync(Order($"LX{i:D2}", "c1", 10m), Ct), Ct)));

        Assert.Equal(5, placements.Count(p => p == OrderPlacement.Placed));
        Assert.Equal(15, placements.Count(p => p == OrderPlacement.InsufficientBalance));
        Assert.Equal((0m, 50m), await BalanceAsync("c1"));
        var saved = 0;
        for (var i = 0; i < 20; i++)
        {
            saved += await Orders.FindAsync($"LX{i:D2}", Ct) is null ? 0 : 1;
        }

        Assert.Equal(5, saved);
    }

    [Fact]
    public async Task CreateAsync_IdTaken_ReturnsFalseAndKeepsTheFirst()
    {
        var customer = Customer("c1", 100m);

        Assert.True(await Customers.CreateAsync(customer, Ct));
        Assert.False(await Get<ICustomerStore>(await SecondInstanceAsync()).CreateAsync(Customer("c1", 5m) with { Name = "Other" }, Ct));

        Assert.Equal(customer, await Customers.FindAsync("c1", Ct));
        Assert.Null(await Customers.FindAsync("c2", Ct));
    }

    [Fact]
    public async Task TopUpAndSetSubscription_ChangeTheCustomer_UnknownGivesNull()
    {
        await Customers.CreateAsync(Customer("c1", 10m), Ct);
        await Orders.PlaceAsync(Order("LX1", "c1", 4m), Ct);

        var toppedUp = await Customers.TopUpAsync("c1", 0.25m, Ct);
        var unsubscribed = await Customers.SetSubscriptionAsync("c1", false, Ct);

        Assert.Equal((6.25m, 4m), (toppedUp!.Balance, toppedUp.Frozen));
        Assert.False(unsubscribed!.Subscribed);
        Assert.Equal((6.25m, 4m, false), await Customers.FindAsync("c1", Ct) is { } c ? (c.Balance, c.Frozen, c.Subscribed) : default);
        Assert.Null(await Customers.TopUpAsync("nobody", 1m, Ct));
        Assert.Null(await Customers.SetSubscriptionAsync("nobody", true, Ct));
        Assert.Null(await Customers.FindAsync("nobody", Ct));
    }

    [Fact]
    public async Task SeedAsync_ExistingCustomer_UpdatesNameAndSubscriptionButNotTheBalance()
    {
        var created = await Customers.SeedAsync("c1", "First name", true, 100m, T0, Ct);
        Assert.Equal(new Customer("c1", "First name", true, 100m, 0m, T0), created);
        await Orders.PlaceAsync(Order("LX1", "c1", 30m), Ct);

        var seeded = await Get<ICustomerStore>(await SecondInstanceAsync()).SeedAsync("c1", "Renamed", false, 500m, T0.AddDays(1), Ct);

        Assert.Equal(("Renamed", false, 70m, 30m), (seeded.Name, seeded.Subscribed, seeded.Balance, seeded.Frozen));
        Assert.Equal(seeded, await Customers.FindAsync("c1", Ct));
    }

    [Fact]
    public async Task ListLineOrdersAsync_ReturnsTheCustomersOrdersOfTheLineExpiringAfter_OldestFirst()
    {
        await Customers.CreateAsync(Customer("c1", 1000m), Ct);
        await Customers.CreateAsync(Customer("c2", 1000m), Ct);
        var later = Order("LX-later", "c1", 1m, createdAt: T0.AddHours(2), expiresAt: T0.AddDays(10));
        var earlier = Order("LX-earlier", "c1", 1m, createdAt: T0.AddHours(1), expiresAt: T0.AddDays(5));
        var expired = Order("LX-expired", "c1", 1m, createdAt: T0.AddDays(-40), expiresAt: T0);
        foreach (var order in new[]
                 {
                     later, earlier, expired,
                     Order("LX-up", "c1", 1m, direction: Direction.Up),
                     Order("LX-other-line", "c1", 1m, bandId: 330100002),
                     Order("LX-other-customer", "c2", 1m),
                 })
        {
            Assert.Equal(OrderPlacement.Placed, await Orders.PlaceAsync(order, Ct));
        }

        var orders = await Orders.ListLineOrdersAsync("c1", 330100001, Direction.Down, T0, Ct);

        Assert.Equal([earlier, later], orders);
    }

    [Fact]
    public async Task ListUsesAsync_ReturnsTheUsesWithTheirSessionsJournalledTimes()
    {
        await Customers.CreateAsync(Customer("c1", 1000m), Ct);
        await Orders.PlaceAsync(Order("LX1", "c1", 1m), Ct);
        await Orders.PlaceAsync(Order("LX2", "c1", 1m), Ct);
        await Orders.PlaceAsync(Order("LX3", "c1", 1m), Ct);
        var sessions = Get<ISessionStore>();
        var ended = Session(330100001, startedAt: T0, duration: TimeSpan.FromMinutes(90), uses: [new OrderUse("LX2", 0, 60), new OrderUse("LX1", 1, 30)]);
        await sessions.InsertAsync(ended, Ct);
        await sessions.UpdateAsync(ended.Active().Ended(T0.AddMinutes(45)), Ct);
        var open = Session(330100001, startedAt: T0.AddHours(2), uses: [new OrderUse("LX1", 0, 60)]);
        await sessions.InsertAsync(open, Ct);
        await sessions.InsertAsync(Session(330100002, uses: [new OrderUse("LX3", 0, 60)]), Ct);

        var uses = await Orders.ListUsesAsync(["LX1"], Ct);

        // Every use of the sessions that drew on LX1, also of their other orders: metering spreads a session's minutes over its orders in position order.
        Assert.Equal(
            new[]
            {
                new OrderUseRecord(ended.Id, "LX2", 0, 60, T0, T0.AddMinutes(90), T0.AddMinutes(45), SessionState.Ended, EndReason.Stopped),
                new OrderUseRecord(ended.Id, "LX1", 1, 30, T0, T0.AddMinutes(90), T0.AddMinutes(45), SessionState.Ended, EndReason.Stopped),
                new OrderUseRecord(open.Id, "LX1", 0, 60, T0.AddHours(2), T0.AddHours(3), null, SessionState.Applying, EndReason.None),
            }.OrderBy(u => (u.SessionId, u.Position)),
            uses.OrderBy(u => (u.SessionId, u.Position)));
        Assert.Empty(await Orders.ListUsesAsync([], Ct));
        Assert.Empty(await Orders.ListUsesAsync(["LX-none"], Ct));
    }

    [Fact]
    public async Task ExtendAsync_AddsToAnOrderInUseAndDrawsOnANewOne_RecordsTheExtensionOnceAndMovesTheDueTime()
    {
        await Customers.CreateAsync(Customer("c1", 1000m), Ct);
        await Orders.PlaceAsync(Order("LX1", "c1", 1m), Ct);
        await Orders.PlaceAsync(Order("LX2", "c1", 1m), Ct);
        var sessions = Get<ISessionStore>();
        var session = Session(330100001, startedAt: T0, duration: TimeSpan.FromMinutes(40), uses: [new OrderUse("LX1", 0, 40)]).Active();
        await sessions.InsertAsync(session, Ct);

        session.Extend(T0.AddMinutes(90), T0.AddMinutes(10));
        var extension = new SessionExtension(session.Id, "c1", "ext-1", "hash-1", 50, T0.AddMinutes(40), T0.AddMinutes(90), T0.AddMinutes(10));
        await sessions.ExtendAsync(session, extension, [new OrderUse("LX1", 0, 20), new OrderUse("LX2", 1, 30)], Ct);

        var other = Get<ISessionStore>(await SecondInstanceAsync());
        Assert.Equal(T0.AddMinutes(90), (await other.FindAsync(session.Id, Ct))!.DueAt);
        Assert.Equal(extension, await other.FindExtensionAsync("c1", "ext-1", Ct));
        Assert.Null(await other.FindExtensionAsync("c2", "ext-1", Ct)); // ids are per customer
        Assert.Equal(
            [("LX1", 0, 60), ("LX2", 1, 30)],
            (await Orders.ListUsesAsync(["LX1", "LX2"], Ct)).OrderBy(u => u.Position).Select(u => (u.OrderId, u.Position, u.ReservedMinutes)));
        Assert.Null(await other.FindAsync("no-such-session", Ct));

        // The same client request id again is a conflict, and nothing of it is written.
        session.Extend(T0.AddMinutes(100), T0.AddMinutes(11));
        await Assert.ThrowsAsync<SessionConflictException>(() => sessions.ExtendAsync(session,
            extension with { DueBefore = T0.AddMinutes(90), DueAfter = T0.AddMinutes(100) }, [new OrderUse("LX2", 1, 10)], Ct));
        Assert.Equal(T0.AddMinutes(90), (await other.FindAsync(session.Id, Ct))!.DueAt);
        Assert.Equal(30, (await Orders.ListUsesAsync(["LX2"], Ct)).Single(u => u.OrderId == "LX2").ReservedMinutes);
    }

    private async Task<(decimal Balance, decimal Frozen)> BalanceAsync(string customerId) =>
        await Customers.FindAsync(customerId, Ct) is { } customer ? (customer.Balance, customer.Frozen) : throw new InvalidOperationException($"{customerId} is missing");
}
