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
    public async Task Start_applies_the_target_and_stop_restores_the_original()
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
    public async Task Start_without_precheck_is_band_check_expire()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.PrecheckExpired, e.Code);
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task Start_after_the_precheck_expired_is_band_check_expire()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(30));

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.PrecheckExpired, e.Code);
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task A_second_start_in_the_same_direction_is_refused_until_stopped()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(200), Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(100), Ct));

        Assert.Equal(FailureKind.AlreadyExists, e.Kind);
        Assert.Contains("stop it first", e.Message);
        Assert.Equal(200000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task Target_not_among_the_offers_is_band_unsupported()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() =>
            _h.Service.StartAsync(CoreHarness.StartDown() with { TargetBandwidthMbps = 300 }, Ct));

        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code); // 300 is not a product tier at all
        Assert.Empty(_h.Driver.Writes);
    }

    [Fact]
    public async Task Due_sessions_are_restored_by_the_sweep_as_expired()
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
    public async Task A_failed_restore_stays_journalled_and_is_retried_until_it_succeeds()
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
    public async Task An_unreachable_device_at_start_is_system_error_and_leaves_nothing_open()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        _h.Driver.FailWith = DriverFailure.Timeout;

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.SystemError, e.Code);
        Assert.Equal(FailureKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task A_session_orphaned_mid_apply_is_restored_by_the_sweep()
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
    public async Task Stop_without_an_active_session_is_not_found()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StopAsync(CoreHarness.StopDown(), Ct));

        Assert.Equal(FailureKind.NotFound, e.Kind);
        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
    }
}
