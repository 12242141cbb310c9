using SpeedUp.Core.Errors;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>A start needs a usable order; hour packs are 60 metered minutes each, used oldest first.</summary>
public sealed class HourPackConsumptionTests : IDisposable
{
    private const long Band = 330100001;
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    private DateTimeOffset Now => _h.Time.GetUtcNow();

    private Task<OfferOrder> OrderAsync(long offerId, string? requestId = null) =>
        _h.RealOrders.OrderAsync(CoreHarness.Customer, Band, offerId, requestId, Ct);

    private Task<SpeedUpSession> StartAsync(int minutes = 0, string? requestId = null) =>
        _h.RealService.StartAsync(CoreHarness.Customer, CoreHarness.StartDown(minutes: minutes) with { ClientRequestId = requestId }, Ct);

    private Task<SpeedUpSession> StopAsync() => _h.RealService.StopAsync(CoreHarness.Customer, CoreHarness.StopDown(), Ct);

    private async Task<int> UsedAsync(string orderId) =>
        Metering.UsedMinutes(await _h.OrderStore.ListUsesAsync([orderId], Ct)).GetValueOrDefault(orderId);

    [Fact]
    public async Task StartAsync_WithoutAUsableOrder_IsRefusedBeforeTheDeviceIsTouched()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        await OrderAsync(201001); // a down 100 hour pack does not pay for 200 Mbps

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync());

        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition), (e.Code, e.Kind));
        Assert.Contains("no usable order", e.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Driver.Writes);
        Assert.Null(await _h.Sessions.FindLatestAsync(Band, Direction.Down, Ct));
    }

    [Fact]
    public async Task StartAsync_HourPacks_CapTheSessionAndAreMeteredFromStartToStop()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var first = await OrderAsync(202001);

        var session = await StartAsync();
        Assert.Equal(Now.AddMinutes(60), session.DueAt); // asked for the default 4 h, one pack holds 60 minutes
        _h.Time.Advance(TimeSpan.FromMinutes(9).Add(TimeSpan.FromSeconds(30)));
        var stopped = await StopAsync();
        Assert.Equal(9, Metering.Minutes(stopped, Now)); // 9 min 30 s: whole elapsed minutes
        Assert.Equal(9, await UsedAsync(first.OrderId));

        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var second = await OrderAsync(202001);
        var next = await StartAsync();
        Assert.Equal(Now.AddMinutes(51 + 60), next.DueAt); // 51 left of the first, 60 of the second
        Assert.Equal([first.OrderId, second.OrderId], next.OrderUses.Select(u => u.OrderId));

        _h.Time.Advance(TimeSpan.FromMinutes(112));
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct)); // expired: metered until its due time, not until the sweep
        Assert.Equal(60, await UsedAsync(first.OrderId));
        Assert.Equal(60, await UsedAsync(second.OrderId));

        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync());
        Assert.Equal(FailureKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public async Task StartAsync_ShorterRequest_UsesOnlyWhatItAsksFor()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var pack = await OrderAsync(202001);

        var session = await StartAsync(minutes: 20);
        Assert.Equal(Now.AddMinutes(20), session.DueAt);
        Assert.Equal(20, await UsedAsync(pack.OrderId)); // reserved while open
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await StopAsync();
        Assert.Equal(5, await UsedAsync(pack.OrderId)); // released to what was metered
    }

    [Fact]
    public async Task StartAsync_ApplyFails_UsesNothing()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var pack = await OrderAsync(202001);
        _h.Driver.FailWritesWith = DriverFailure.Rejected;

        await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync());

        var failed = Assert.Single(await _h.Sessions.FindLatestPerDirectionAsync(CoreHarness.Customer, Band, Ct));
        Assert.Equal(EndReason.ApplyFailed, failed.EndReason);
        Assert.Equal(0, await UsedAsync(pack.OrderId));
    }

    [Fact]
    public async Task StartAsync_Valid30DayPackAndHourPacks_Uses30DayPackFirst()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var hour = await OrderAsync(202001);
        var monthly = await OrderAsync(202002);

        var session = await StartAsync();

        Assert.Equal(Now.AddHours(4), session.DueAt); // the single-use cap
        Assert.Equal(monthly.OrderId, Assert.Single(session.OrderUses).OrderId);
        Assert.Equal(0, await UsedAsync(hour.OrderId));
    }

    [Fact]
    public async Task StartAsync_PackNearItsExpiry_RunsOutAtTheExpiry()
    {
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero)); // 23:30 CST on the last day
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        await OrderAsync(202001);

        var session = await StartAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), session.DueAt); // month end (CST)
        await StopAsync();

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 1, TimeSpan.Zero)); // already December in CST
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync());
        Assert.Equal(FailureKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public async Task StartAsync_RetriedUnderTheSameId_ReturnsTheFirstSessionAndAppliesOnce()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        await OrderAsync(202001);
        await OrderAsync(202001);

        var first = await StartAsync(minutes: 30, requestId: "start-1");
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        var retry = await StartAsync(minutes: 30, requestId: "start-1");

        Assert.Equal(first.Id, retry.Id);
        Assert.Single(_h.Driver.Writes);
        var different = await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync(minutes: 45, requestId: "start-1"));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (different.Code, different.Kind));

        await StopAsync();
        var afterStop = await StartAsync(minutes: 30, requestId: "start-1"); // still the first answer, nothing re-applied
        Assert.Equal(first.Id, afterStop.Id);
        Assert.Equal(SessionState.Ended, afterStop.State);
        Assert.Equal(2, _h.Driver.Writes.Count); // the apply and the stop's restore
    }

    [Fact]
    public async Task StartAsync_ApplyFailed_MayBeRetriedUnderTheSameId()
    {
        await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct);
        await OrderAsync(202001);
        _h.Driver.FailWritesWith = DriverFailure.Rejected;
        await Assert.ThrowsAsync<SpeedUpException>(() => StartAsync(requestId: "again"));

        _h.Driver.FailWritesWith = null;
        var retry = await StartAsync(requestId: "again");

        Assert.Equal(SessionState.Active, retry.State);
    }

    [Fact]
    public void Minutes_AnySession_CountsWholeElapsedMinutesAndStopsAtDueAndAtFourHours()
    {
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, Metering.Minutes(start, start.AddHours(1), start, EndReason.Stopped, start));
        Assert.Equal(0, Metering.Minutes(start, start.AddHours(1), start.AddSeconds(1), EndReason.Stopped, start));
        Assert.Equal(0, Metering.Minutes(start, start.AddHours(1), start.AddSeconds(59), EndReason.Stopped, start)); // the detail sample's "0"
        Assert.Equal(1, Metering.Minutes(start, start.AddHours(1), start.AddSeconds(60), EndReason.Stopped, start));
        Assert.Equal(1, Metering.Minutes(start, start.AddHours(1), start.AddSeconds(119), EndReason.Stopped, start));
        Assert.Equal(60, Metering.Minutes(start, start.AddHours(1), start.AddHours(3), EndReason.RestoredAfterRestart, start));
        Assert.Equal(240, Metering.Minutes(start, start.AddHours(6), start.AddHours(5), EndReason.Stopped, start));
        Assert.Equal(0, Metering.Minutes(start, start.AddHours(1), start.AddMinutes(3), EndReason.ApplyFailed, start));
        Assert.Equal(6, Metering.Minutes(start, start.AddHours(1), null, EndReason.None, start.AddMinutes(6.5))); // open: so far
    }
}
