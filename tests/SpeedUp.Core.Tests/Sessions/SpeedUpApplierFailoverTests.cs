using System.Net;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;
using SpeedUp.Testing;

namespace SpeedUp.Core.Tests;

/// <summary>
/// Failover across supply channels reaching the same equipment: selection, capacity, reads before writes so that
/// nothing is applied twice, restores through another channel, circuit breaking and reconciliation.
/// </summary>
public sealed class SpeedUpApplierFailoverTests : IDisposable
{
    private const long Line1 = 330100001;
    private const long Line2 = 330100002;
    private const long Line3 = 330100003;
    private readonly CoreHarness _h;

    public SpeedUpApplierFailoverTests() => _h = NewHarness();

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeLineDriver Ssh => _h.Factory.Drivers["ct-ssh"];

    private FakeLineDriver Snmp => _h.Factory.Drivers["ct-snmp"];

    public void Dispose() => _h.Dispose();

    /// <summary>The outbox events of the harness's customer, in order.</summary>
    private Task<IReadOnlyList<SessionEvent>> EventsAsync() =>
        new SpeedUp.Storage.Sqlite.SqliteSessionEventStore(_h.Database).ReadAsync(CoreHarness.Customer, 0, 100, Ct);

    [Fact]
    public async Task StartAsync_PreferredChannelDead_SendsTheSpeedUpToTheNextOne()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWith = DriverFailure.Unreachable;

        var session = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);

        Assert.Equal("ct-snmp", session.ChannelName);
        Assert.Equal(200000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Equal([("ct-snmp", Line1, Direction.Down, 200000L)], _h.Equipment.Writes);
        Assert.Equal("ct-snmp", (await _h.Sessions.FindOpenAsync(Line1, Direction.Down, Ct))!.ChannelName);
        Assert.Contains(_h.Registry.RecentFailovers, f => f.FromChannel == "ct-ssh" && f.Reason == "Unreachable");
    }

    [Fact]
    public async Task StartAsync_WriteLandedButLostItsAnswer_IsNotAppliedAgainElsewhere()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailAfterWrite = DriverFailure.Timeout;

        var session = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);

        Assert.Equal(SessionState.Active, session.State);
        Assert.Single(_h.Equipment.Writes);
        Assert.Equal(("ct-ssh", Line1, Direction.Down, 200000L), _h.Equipment.Writes[0]);
        Assert.Equal("ct-snmp", session.ChannelName); // the channel that confirmed the rate, and will restore it
        Assert.Equal(1, (await _h.UsageAsync("ct-snmp")).SpeedUps);
        Assert.Equal(0, (await _h.UsageAsync("ct-ssh")).SpeedUps);
    }

    [Fact]
    public async Task StartAsync_WriteNeverLeft_IsAppliedOnceThroughTheNextChannel()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWritesWith = DriverFailure.Unreachable;

        var session = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);

        Assert.Equal("ct-snmp", session.ChannelName);
        Assert.Equal([("ct-snmp", Line1, Direction.Down, 200000L)], _h.Equipment.Writes);
    }

    [Fact]
    public async Task StartAsync_ValueRejected_IsFinalAndRestoresTheLine()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWritesWith = DriverFailure.Rejected;

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.SystemError, e.Code);
        Assert.DoesNotContain(Snmp.Writes, w => w.Kbps == 200000);
        Assert.Equal(50000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Null(await _h.Sessions.FindOpenAsync(Line1, Direction.Down, Ct));
        Assert.Equal(0, (await _h.UsageAsync("ct-ssh")).SpeedUps);
        var events = await EventsAsync();
        Assert.Equal([SessionEventKind.Restoring, SessionEventKind.Ended], events.Select(x => x.Kind)); // never ACTIVATED
        Assert.All(events, x => Assert.Equal(EndReason.ApplyFailed, x.EndReason));
    }

    [Fact]
    public async Task StartAsync_EveryChannelDown_IsSystemErrorNamingEachToOperatorsAndChangesNothing()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWith = DriverFailure.Unreachable;
        Snmp.FailWith = DriverFailure.Timeout;

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));

        Assert.Equal(ProductErrorCode.SystemError, e.Code);
        Assert.Equal(FailureKind.Unavailable, e.Kind);
        Assert.Contains("'ct-ssh' Unreachable", e.OperatorDetail, StringComparison.Ordinal);
        Assert.Contains("'ct-snmp' Timeout", e.OperatorDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("ct-ssh", e.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Equipment.Writes);
        Assert.Null(await _h.Sessions.FindLatestAsync(Line1, Direction.Down, Ct));
    }

    [Fact]
    public async Task StartAsync_BothChannelsFailAfterJournalling_LeavesTheRestoreToTheSweeperWhichFinishesItLater()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailAfterWrite = DriverFailure.Timeout; // lands
        Snmp.FailWith = DriverFailure.Unreachable;  // cannot confirm it

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));
        Assert.Equal(ProductErrorCode.SystemError, e.Code);

        // ct-ssh still times out after writing, so the restore lands but is not confirmed: still open, retried.
        var open = await _h.Sessions.FindOpenAsync(Line1, Direction.Down, Ct);
        Assert.NotNull(open);
        Assert.Equal(SessionState.Restoring, open.State);

        Ssh.FailAfterWrite = null;
        Snmp.FailWith = null;
        Assert.Equal(1, await _h.Restorer.SweepAsync(Ct));
        Assert.Equal(50000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Null(await _h.Sessions.FindOpenAsync(Line1, Direction.Down, Ct));
        await _h.Registry.RefreshUsageAsync(Ct);
        Assert.All(_h.Registry.Channels, c => Assert.Equal(0, c.Capacity.SpeedUpsInUse));
    }

    [Fact]
    public async Task StopAsync_ApplyingChannelDead_RestoresThroughAnotherChannel()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var started = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        Assert.Equal("ct-ssh", started.ChannelName);
        Ssh.FailWith = DriverFailure.Unreachable;

        var stopped = await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);

        Assert.Equal(SessionState.Ended, stopped.State);
        Assert.Equal("ct-snmp", stopped.ChannelName);
        Assert.Equal(50000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Equal(0, (await _h.UsageAsync("ct-ssh")).SpeedUps);
    }

    [Fact]
    public async Task StartAsync_CapacityExhausted_MovesToTheNextChannelThenIsABusinessLimit()
    {
        using var h = NewHarness(sshMax: 1, snmpMax: 1);
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await h.Precheck.PrecheckAsync("202.101.172.35", 1500, Ct);
        await h.Precheck.PrecheckAsync("202.101.172.35", 2500, Ct);

        var first = await h.Service.StartAsync(Start(Line1, 0), Ct);
        var second = await h.Service.StartAsync(Start(Line2, 1500), Ct);
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StartAsync(Start(Line3, 2500), Ct));

        Assert.Equal("ct-ssh", first.ChannelName);
        Assert.Equal("ct-snmp", second.ChannelName);
        Assert.Equal(ProductErrorCode.BusinessLimitControl, e.Code);
        Assert.Equal(FailureKind.ResourceExhausted, e.Kind);
        Assert.Contains("at capacity", e.Message, StringComparison.Ordinal);
        Assert.Equal(50000, h.Equipment.RatesOf(Line3).DownKbps);
        Assert.Null(await h.Sessions.FindLatestAsync(Line3, Direction.Down, Ct));

        // Stopping frees the capacity again.
        await h.Service.StopAsync(new StopSpeedUpCommand("202.101.172.35", 0, Line1, (int)Direction.Down), Ct);
        var third = await h.Service.StartAsync(Start(Line3, 2500), Ct);
        Assert.Equal("ct-ssh", third.ChannelName);
    }

    [Fact]
    public async Task StartAsync_BandwidthPool_CountsTheBandwidthSpeedUpsAdd()
    {
        // 50 → 200 Mbps adds 150 Mbps; a 180 Mbps pool holds one such speed-up, not two, nor another 50 Mbps on top.
        using var h = NewHarness(sshPool: 180, snmpPool: 0, snmpTiers: ["Down:100"]);
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await h.Precheck.PrecheckAsync("202.101.172.35", 1500, Ct);

        await h.Service.StartAsync(Start(Line1, 0), Ct);
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StartAsync(Start(Line2, 1500), Ct));

        Assert.Equal(ProductErrorCode.BusinessLimitControl, e.Code); // ct-snmp does not carry the 200 Mbps tier
        Assert.Equal(150, (await h.UsageAsync("ct-ssh")).AddedMbps);
        var ok = await h.Service.StartAsync(Start(Line2, 1500, mbps: 100), Ct);
        Assert.Equal("ct-snmp", ok.ChannelName);
    }

    [Fact]
    public async Task StartAsync_TierNoChannelCarries_IsSpeedUpUnsupported()
    {
        using var h = NewHarness(sshTiers: ["Down:100"], snmpTiers: ["Down:100"]);
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StartAsync(CoreHarness.StartDown(200), Ct));

        Assert.Equal(ProductErrorCode.SpeedUpUnsupported, e.Code);
        Assert.Empty(h.Equipment.Writes);
    }

    [Fact]
    public void Candidates_SeveralChannels_PreferPriorityThenCostThenWeightedFreeCapacity()
    {
        using var h = new CoreHarness(channels: list =>
        {
            list.Add(CoreHarness.Telecom("cheap-heavy", c => { c.Priority = 10; c.Cost = 1; c.Weight = 300; }));
            list.Add(CoreHarness.Telecom("dear", c => { c.Priority = 10; c.Cost = 2; }));
            list.Add(CoreHarness.Telecom("cheap-light", c => { c.Priority = 10; c.Cost = 1; c.Weight = 100; }));
            list.Add(CoreHarness.Telecom("first", c => c.Priority = 1));
            list.Add(CoreHarness.Telecom("elsewhere", c => { c.Provinces.Clear(); c.Provinces.Add("Sichuan"); }));
        });

        var order = h.Registry.Candidates(new Channels.ChannelDemand(Carrier.ChinaTelecom, "Zhejiang")).Select(c => c.Name);

        Assert.Equal(["first", "cheap-heavy", "cheap-light", "dear"], order);
    }

    [Fact]
    public async Task Candidates_UnhealthyChannel_GoesBehindTheHealthyOnes()
    {
        Ssh.FailWith = DriverFailure.Timeout;
        await _h.Registry.Channel("ct-ssh")!.ProbeAsync(Ct);
        await _h.Registry.Channel("ct-snmp")!.ProbeAsync(Ct);

        var order = _h.Registry.Candidates(new Channels.ChannelDemand(Carrier.ChinaTelecom, "Zhejiang")).Select(c => c.Name);

        Assert.Equal(["ct-snmp", "ct-ssh"], order);
        Assert.Equal(ChannelHealthState.Unhealthy, _h.Registry.Channel("ct-ssh")!.Health.State);
    }

    [Fact]
    public async Task ReconcileAsync_LineAtItsTarget_IsCheckedWithoutTheLinesLock_AndALostRateWaitsForIt()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        var held = await _h.Locks.AcquireAsync(Line1, Ct); // somebody is changing the line

        // At its target: decided without the lock (the pass would otherwise wait for the holder).
        Assert.Equal(0, await _h.Reconciler.ReconcileAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct));

        // Lost: decided under the lock only, so the pass waits for the holder, then re-applies.
        _h.Equipment.Reset(Line1, new LineRates(4000, 50000));
        var pass = _h.Reconciler.ReconcileAsync(Ct);
        Assert.False(pass.IsCompleted);
        Assert.Equal(50000, _h.Equipment.RatesOf(Line1).DownKbps);
        await held.DisposeAsync();
        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(200000, _h.Equipment.RatesOf(Line1).DownKbps);
    }

    [Fact]
    public async Task ReconcileAsync_RateLostByTheEquipment_IsReappliedAndALineAtItsTargetIsLeftAlone()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        Assert.Equal(0, await _h.Reconciler.ReconcileAsync(Ct));

        _h.Equipment.Reset(Line1, new LineRates(4000, 50000)); // a reboot
        Assert.Equal(1, await _h.Reconciler.ReconcileAsync(Ct));

        Assert.Equal(200000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Equal(1, _h.Reconciler.Reapplied);
        Assert.Equal(2, _h.Equipment.Writes.Count(w => w.Kbps == 200000));
        Assert.Equal([SessionEventKind.Activated, SessionEventKind.Reapplied], (await EventsAsync()).Select(x => x.Kind));
    }

    [Fact]
    public async Task VerifyEndedAsync_WriteLandsAfterTheSessionEnded_UndoesIt()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWritesWith = DriverFailure.Timeout; // the SSH write is stuck on a dying session…
        var session = await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        Assert.Equal("ct-snmp", session.ChannelName);
        Ssh.FailWritesWith = null;
        await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);
        Assert.True((await _h.Sessions.FindLatestAsync(Line1, Direction.Down, Ct))!.UncertainWrite);

        _h.Equipment.Write("ct-ssh", Line1, Direction.Down, 200000); // …and lands after the stop
        Assert.Equal(1, await _h.Reconciler.VerifyEndedAsync(Ct));

        Assert.Equal(50000, _h.Equipment.RatesOf(Line1).DownKbps);
        Assert.Equal(0, await _h.Reconciler.VerifyEndedAsync(Ct)); // nothing left to undo
        _h.Time.Advance(TimeSpan.FromMinutes(6));
        _h.Equipment.Write("ct-ssh", Line1, Direction.Down, 200000); // outside the window: no longer this session's doing
        Assert.Equal(0, await _h.Reconciler.VerifyEndedAsync(Ct));
    }

    [Fact]
    public async Task VerifyEndedAsync_NewerSessionOwnsTheLine_LeavesTheLineAlone()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Ssh.FailWritesWith = DriverFailure.Unreachable;
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        Ssh.FailWritesWith = null;
        await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct); // a new speed-up to the same target

        Assert.Equal(0, await _h.Reconciler.VerifyEndedAsync(Ct));

        Assert.Equal(200000, _h.Equipment.RatesOf(Line1).DownKbps);
    }

    [Fact]
    public async Task RefreshUsageAsync_AfterARestart_OpenSessionsStillHoldTheirCapacity()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        _h.Registry.Channel("ct-ssh")!.Capacity.Observe(default); // what a fresh process starts with

        await _h.Registry.RefreshUsageAsync(Ct);

        Assert.Equal(1, (await _h.UsageAsync("ct-ssh")).SpeedUps);
        Assert.Equal(150, (await _h.UsageAsync("ct-ssh")).AddedMbps);
    }

    [Fact]
    public async Task PrecheckAsync_FirstChannelDown_FindsTheLineThroughTheNextChannel()
    {
        Ssh.FailWith = DriverFailure.AuthenticationFailed;

        var result = await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        Assert.Equal(Line1, result.Precheck.BandId);
        Assert.Equal("ct-snmp", result.Precheck.ChannelName);
    }

    private static StartSpeedUpCommand Start(long bandId, int port, int mbps = 200) =>
        new("202.101.172.35", port, bandId, (int)Direction.Down, mbps, "game", 0);

    private static CoreHarness NewHarness(
        int sshMax = 0, int snmpMax = 0, int sshPool = 0, int snmpPool = 0, string[]? sshTiers = null, string[]? snmpTiers = null)
    {
        var h = new CoreHarness(channels: list =>
        {
            list.Add(CoreHarness.Telecom("ct-ssh", c => Configure(c, 10, sshMax, sshPool, sshTiers)));
            list.Add(CoreHarness.Telecom("ct-snmp", c => Configure(c, 20, snmpMax, snmpPool, snmpTiers)));
        });
        var address = IPAddress.Parse("202.101.172.35");
        h.Equipment.Add(new SubscriberLine(Line1, "zj0571a0001", address, new PortRange(0, 1023), new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
        h.Equipment.Add(new SubscriberLine(Line2, "zj0571a0002", address, new PortRange(1024, 2047), new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
        h.Equipment.Add(new SubscriberLine(Line3, "zj0571a0003", address, new PortRange(2048, 3071), new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
        return h;
    }

    private static void Configure(SupplyChannelOptions c, int priority, int max, int pool, string[]? tiers)
    {
        c.Priority = priority;
        c.Capacity.MaxSpeedUps = max;
        c.Capacity.BandwidthPoolMbps = pool;
        c.Resilience.ReadRetries = 0;
        c.Resilience.MinimumThroughput = 2;
        c.Resilience.BreakDuration = TimeSpan.FromMilliseconds(500);
        foreach (var tier in tiers ?? [])
        {
            c.Tiers.Add(tier);
        }
    }
}
