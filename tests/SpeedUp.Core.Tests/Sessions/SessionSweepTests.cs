using System.Net;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>
/// The sweep at an evening peak: more sessions due than one claim batch all end in one sweep, and the next sweep is
/// timed by the next due session (issue 20: 100,000 sessions due within ten minutes).
/// </summary>
public sealed class SessionSweepTests : IDisposable
{
    private const long FirstLine = 500_000_001;
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task SweepAsync_MoreDueThanOneClaimBatch_EndsEveryOneInOneSweep_AndPutsEveryLineBack()
    {
        var count = new ClusterOptions().ClaimBatch * 2 + 20;
        for (var i = 0; i < count; i++)
        {
            await ActiveSessionAsync(FirstLine + i, TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(i), Ct);
        }

        _h.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(count, await _h.Restorer.SweepAsync(Ct));
        Assert.Empty(await _h.Sessions.ListOpenAsync(Ct));
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(50_000, _h.Equipment.RatesOf(FirstLine + i).DownKbps));
    }

    [Fact]
    public async Task SweepAsync_OnlySomeDue_EndsExactlyThoseDue()
    {
        await ActiveSessionAsync(FirstLine, TimeSpan.FromMinutes(10), Ct);
        await ActiveSessionAsync(FirstLine + 1, TimeSpan.FromMinutes(20), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));
        Assert.Equal(50_000, _h.Equipment.RatesOf(FirstLine).DownKbps);
        Assert.Equal(200_000, _h.Equipment.RatesOf(FirstLine + 1).DownKbps);
    }

    [Fact]
    public async Task UntilNextSweepAsync_IsTheTimeToTheNextDueSession_WithinTheMinimumGapAndTheInterval()
    {
        var interval = TimeSpan.FromSeconds(1);
        Assert.Equal(interval, await _h.Restorer.UntilNextSweepAsync(interval, Ct)); // nothing open

        await ActiveSessionAsync(FirstLine, TimeSpan.FromMinutes(10), Ct);
        Assert.Equal(interval, await _h.Restorer.UntilNextSweepAsync(interval, Ct)); // due long after the interval

        _h.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(300), await _h.Restorer.UntilNextSweepAsync(interval, Ct));

        _h.Time.Advance(TimeSpan.FromMilliseconds(290));
        Assert.Equal(SessionRestorer.MinimumSweepGap, await _h.Restorer.UntilNextSweepAsync(interval, Ct)); // 10 ms away: not sooner than the gap

        _h.Time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(interval, await _h.Restorer.UntilNextSweepAsync(interval, Ct)); // already due: this sweep's, not the next's
    }

    /// <summary>A line of its own running at 200 Mbit/s down under an active session of <paramref name="duration"/>.</summary>
    private async Task ActiveSessionAsync(long bandId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse($"10.1.{bandId / 250 % 250}.{bandId % 250 + 1}");
        _h.Equipment.Add(new SubscriberLine(bandId, $"due{bandId}", address, new PortRange(0, 65535), new LineRates(4000, 50_000), new LineCapability(20_000, 200_000, true)));
        var session = SpeedUpSession.Begin(SpeedUpSession.NewId(), bandId, $"due{bandId}", address, 0, Carrier.ChinaTelecom, "Zhejiang",
            CoreHarness.Channel, Direction.Down, 200_000, 50_000, "", _h.Time.GetUtcNow(), duration);
        await _h.Sessions.InsertAsync(session, cancellationToken);
        _h.Equipment.Write(CoreHarness.Channel, bandId, Direction.Down, 200_000);
        session.MarkActive(_h.Time.GetUtcNow());
        await _h.Sessions.UpdateAsync(session, cancellationToken);
    }
}
