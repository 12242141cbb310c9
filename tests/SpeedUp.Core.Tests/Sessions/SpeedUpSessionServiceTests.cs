using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

public sealed class SpeedUpSessionServiceTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task StartAndStopAsync_AfterAPrecheck_ApplyTheTargetThenRestoreTheOriginal()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var session = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);

        Assert.Equal(SessionState.Active, session.State);
        Assert.Equal(200000, _h.Driver.RatesOf(330100001).DownKbps);
        Assert.Equal(50000, session.OriginalKbps);
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromHours(4), session.DueAt);

        var stopped = await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);

        Assert.Equal(SessionState.Ended, stopped.State);
        Assert.Equal(EndReason.Stopped, stopped.EndReason);
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task StartAsync_WithoutPrecheck_IsPrecheckExpired()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.PrecheckExpired, e.Code);
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task StartAsync_AfterThePrecheckExpired_IsPrecheckExpired()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.PrecheckExpired, e.Code);
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task StartAsync_SecondStartInTheSameDirection_IsRefusedUntilStopped()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(200), Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(100), Ct));

        Assert.Equal(FailureKind.AlreadyExists, e.Kind);
        Assert.Contains("stop it first", e.Message);
        Assert.Equal(200000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task StartAsync_TargetNotAProductTier_IsInvalidParameters()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() =>
            _h.Service.StartAsync(CoreHarness.StartDown() with { TargetBandwidthMbps = 300 }, Ct));

        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code); // 300 is not a product tier at all
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task SweepAsync_DueSession_IsRestoredAsExpired()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(minutes: 30), Ct);

        _h.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await _h.Restorer.SweepAsync(Ct));
        Assert.Equal(200000, _h.Driver.RatesOf(330100001).DownKbps);

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));

        var status = await _h.Service.StatusAsync(330100001, Ct);
        Assert.Equal(EndReason.Expired, status.Down!.EndReason);
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task ExtendAsync_JustBeforeTheDueTime_KeepsTheSweepOff_AndOnceDueIsRefusedAndTheSweepEndsIt()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var started = await _h.Service.StartAsync(CoreHarness.StartDown(minutes: 30), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(1));

        var extended = await _h.RealService.ExtendAsync(CoreHarness.Customer, Extend(10), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _h.Restorer.SweepAsync(Ct)); // past the old due time: the sweep re-reads the new one
        Assert.Equal(started.DueAt.AddMinutes(10), extended.DueAt);
        Assert.Equal(200000, _h.Driver.RatesOf(330100001).DownKbps);

        _h.Time.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromMilliseconds(1)); // due now, not yet swept
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.RealService.ExtendAsync(CoreHarness.Customer, Extend(10), Ct));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition), (e.Code, e.Kind));
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));
        var status = await _h.Service.StatusAsync(330100001, Ct);
        Assert.Equal((EndReason.Expired, started.DueAt.AddMinutes(10)), (status.Down!.EndReason, status.Down.DueAt));
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task ExtendAsync_ConcurrentWithAStop_TakesTurnsOnTheLine()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(minutes: 30), Ct);

        var outcomes = await Task.WhenAll(
            Task.Run(async () => (await Record.ExceptionAsync(() => _h.RealService.ExtendAsync(CoreHarness.Customer, Extend(10), Ct))) is null ? "extended" : "refused", Ct),
            Task.Run(async () => { await _h.Service.StopAsync(CoreHarness.StopDown(), Ct); return "stopped"; }, Ct));

        Assert.Equal("stopped", outcomes[1]);
        var ended = (await _h.Service.StatusAsync(330100001, Ct)).Down!;
        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(outcomes[0] == "extended" ? 40 : 30, (int)(ended.DueAt - ended.StartedAt).TotalMinutes);
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    private static ExtendSpeedUpCommand Extend(int minutes) => new("202.101.172.35", 0, 330100001, (int)Direction.Down, minutes, null);

    [Fact]
    public async Task SweepAsync_RestoreFails_StaysJournalledAndIsRetriedUntilItSucceeds()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(minutes: 10), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(10));
        _h.Driver.FailWith = DriverFailure.Unreachable;

        Assert.Equal(0, await _h.Restorer.SweepAsync(Ct));
        var pending = await _h.Sessions.FindOpenAsync(330100001, Direction.Down, Ct);
        Assert.Equal(SessionState.Restoring, pending!.State);
        Assert.Contains("injected", pending.LastError);

        _h.Driver.FailWith = null;
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task StartAsync_DeviceUnreachable_IsSystemErrorAndLeavesNothingOpen()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        _h.Driver.FailWith = DriverFailure.Timeout;

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.SystemError, e.Code);
        Assert.Equal(FailureKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task SweepAsync_SessionOrphanedMidApply_IsRestored()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var orphan = SpeedUpSession.Begin(SpeedUpSession.NewId(), 330100001, "zj0571a0001", CoreHarness.Zhejiang, 0, Carrier.ChinaTelecom, "Zhejiang",
            CoreHarness.Channel, Direction.Down, 200000, 50000, "", _h.Time.GetUtcNow(), TimeSpan.FromHours(1),
            new SessionAttribution(CoreHarness.Customer, null, null, []));
        await _h.Sessions.InsertAsync(orphan, Ct);
        await _h.Driver.SetRateAsync(orphan.Reference(), Direction.Down, 200000, Ct); // the crash happened after the write

        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));

        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
        var status = await _h.Service.StatusAsync(330100001, Ct);
        Assert.Equal(EndReason.RestoredAfterRestart, status.Down!.EndReason);
    }

    [Fact]
    public async Task StopAsync_WithoutAnActiveSession_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StopAsync(CoreHarness.StopDown(), Ct));

        Assert.Equal(FailureKind.NotFound, e.Kind);
        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
    }
}
