using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>The operator's sessions across customers: list with filters and a limit, show, and the operator's stop.</summary>
public sealed class OperatorSessionServiceTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private readonly OperatorSessionService _operator;

    public OperatorSessionServiceTests() =>
        _operator = new OperatorSessionService(_h.Sessions, _h.Restorer, _h.Locks, _h.Time, NullLogger<OperatorSessionService>.Instance);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task StopAsync_ActiveSession_RestoresTheOriginalAndEndsStoppedByOperator()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var started = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);

        var stopped = await _operator.StopAsync("ops-1", started.Id, "complaint", Ct);

        Assert.Equal((SessionState.Ended, EndReason.StoppedByOperator), (stopped.State, stopped.EndReason));
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
        Assert.Equal(EndReason.StoppedByOperator, (await _h.Sessions.FindAsync(started.Id, Ct))!.EndReason);
        var again = await Assert.ThrowsAsync<SpeedUpException>(() => _operator.StopAsync("ops-1", started.Id, null, Ct));
        Assert.Equal(FailureKind.FailedPrecondition, again.Kind);
    }

    [Fact]
    public async Task StopAsync_WhenNoChannelCanRestore_IsUnavailableWithTheDetail_AndTheSweepFinishesIt()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var started = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        _h.Driver.FailWith = DriverFailure.Unreachable;

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _operator.StopAsync("ops-1", started.Id, null, Ct));

        Assert.Equal((ProductErrorCode.SystemError, FailureKind.Unavailable), (e.Code, e.Kind));
        Assert.Contains("injected", e.OperatorDetail);
        var pending = await _operator.GetAsync(started.Id, Ct);
        Assert.Equal((SessionState.Restoring, EndReason.StoppedByOperator), (pending.State, pending.EndReason));

        _h.Driver.FailWith = null;
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));
        Assert.Equal(EndReason.StoppedByOperator, (await _operator.GetAsync(started.Id, Ct)).EndReason);
        Assert.Equal(50000, _h.Driver.RatesOf(330100001).DownKbps);
    }

    [Fact]
    public async Task ListOpenAsync_FiltersAndLimits_AndCountsTheRest()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var down = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        var up = await _h.Service.StartAsync(CoreHarness.StartDown() with { Direction = (int)Direction.Up, TargetBandwidthMbps = 20 }, Ct);

        var first = await _operator.ListOpenAsync(0, null, null, 1, Ct);
        var all = await _operator.ListOpenAsync(330100001, "202.101.172.35", CoreHarness.Customer, 0, Ct);

        Assert.Equal([down.Id], first.Sessions.Select(s => s.Id)); // oldest first
        Assert.Equal(1, first.More);
        Assert.Equal([down.Id, up.Id], all.Sessions.Select(s => s.Id));
        Assert.Empty((await _operator.ListOpenAsync(0, "202.101.172.36", null, 0, Ct)).Sessions);
        Assert.Empty((await _operator.ListOpenAsync(0, null, "someone-else", 0, Ct)).Sessions);
        Assert.Empty((await _operator.ListOpenAsync(330100002, null, null, 0, Ct)).Sessions);
        Assert.Equal(FailureKind.InvalidArgument, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.ListOpenAsync(0, "1.2.3", null, 0, Ct))).Kind);
        Assert.Equal(FailureKind.InvalidArgument, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.ListOpenAsync(0, null, "bad id!", 0, Ct))).Kind);
        Assert.Equal(FailureKind.InvalidArgument, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.ListOpenAsync(0, null, null, 1001, Ct))).Kind);
    }

    [Fact]
    public async Task GetAsync_UnknownOrMalformedId_IsNotFoundOrInvalid()
    {
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.GetAsync("0123456789abcdef", Ct))).Kind);
        Assert.Equal(FailureKind.InvalidArgument, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.GetAsync("x y", Ct))).Kind);
        Assert.Equal(FailureKind.InvalidArgument, (await Assert.ThrowsAsync<SpeedUpException>(() => _operator.GetAsync(null, Ct))).Kind);
    }
}
