using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// A China Telecom province served by a RADIUS CoA channel with the SSH CLI channel as fallback, by configuration only
/// (<see cref="ChannelSettings.TelecomCoaWithCliFallback"/>): the service in process on a fake clock, the simulated
/// BRAS's CoA face and real sshd. The simulator's audit log is the witness of every change and of its face.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CoaChannelTests(SimulatedNetworks networks)
{
    private const int Zhejiang = 0; // TelecomFailoverLines: zj0571a0003
    private const int Sichuan = 3;  // sc028a0001: not a province of the CoA channel

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAndStop_ZhejiangLine_WrittenByCoaReadBackByCli_OtherProvinceStaysOnCli()
    {
        await using var service = await StartServiceAsync();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, Sichuan + 1, Ct);
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        try
        {
            await TelecomFailoverLines.StartAsync(service, Zhejiang, bandIds[Zhejiang], Ct);
            await TelecomFailoverLines.StartAsync(service, Sichuan, bandIds[Sichuan], Ct);

            var zhejiang = ChangesOf(Zhejiang, auditFrom);
            var start = Assert.Single(zhejiang);
            Assert.Equal((CommandFace.Coa, "applied"), (start.Face, start.Outcome));
            Assert.Contains("Huawei-Output-Average-Rate=200000000", start.Command, StringComparison.Ordinal);
            Assert.Equal(CommandFace.Cli, Assert.Single(ChangesOf(Sichuan, auditFrom)).Face);
            var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandIds[Zhejiang] }, cancellationToken: Ct);
            Assert.Equal(SessionState.Active, status.Download.State);
            Assert.Equal(200, status.Download.TargetBandwidthMbps);

            await TelecomFailoverLines.StopAsync(service, Zhejiang, bandIds[Zhejiang], Ct);
            await TelecomFailoverLines.StopAsync(service, Sichuan, bandIds[Sichuan], Ct);

            var restore = ChangesOf(Zhejiang, auditFrom)[^1];
            Assert.Equal((CommandFace.Coa, "applied"), (restore.Face, restore.Outcome));
            Assert.Contains("Huawei-Output-Average-Rate=50000000", restore.Command, StringComparison.Ordinal);
            AssertAtBaseRates(Zhejiang, Sichuan);

            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            var coa = channels.Channels.Single(c => c.Name == "ct-huawei-coa");
            Assert.Equal(("huawei-coa", Health.Healthy, CircuitState.Closed), (coa.Driver, coa.Health, coa.Circuit));
            Assert.Empty(channels.RecentFailovers);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task Start_DuringACoaNakStorm_FailsOverToCli_AppliedOnceThere()
    {
        await using var service = await StartServiceAsync();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, 1, Ct);
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        try
        {
            networks.Telecom.Faults.CoaNakStorm = true;

            await TelecomFailoverLines.StartAsync(service, Zhejiang, bandIds[Zhejiang], Ct);

            var changes = ChangesOf(Zhejiang, auditFrom);
            Assert.Equal([(CommandFace.Coa, "rejected"), (CommandFace.Cli, "applied")], changes.Select(e => (e.Face, Outcome(e))));
            Assert.Equal(200_000, Line(Zhejiang).DownKbps);
            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            var failover = Assert.Single(channels.RecentFailovers);
            Assert.Equal(("ct-huawei-coa", "Unreachable"), (failover.FromChannel, failover.Reason));

            // The session moved to the CLI channel: its restore goes there, whatever the CoA face does.
            await TelecomFailoverLines.StopAsync(service, Zhejiang, bandIds[Zhejiang], Ct);
            Assert.Equal(CommandFace.Cli, ChangesOf(Zhejiang, auditFrom)[^1].Face);
            AssertAtBaseRates(Zhejiang);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task Start_WhenTheCoaAckIsLost_FailsOverToCliWhichFindsTheRateAppliedAndWritesNothing()
    {
        await using var service = await StartServiceAsync();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, 1, Ct);
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        try
        {
            networks.Telecom.Faults.CoaAnswersLost = true;

            // The CoA client's retransmission timers run on the service's clock: move it until the start returns.
            await WhileTheClockRunsAsync(service, TelecomFailoverLines.StartAsync(service, Zhejiang, bandIds[Zhejiang], Ct));

            var applied = Assert.Single(ChangesOf(Zhejiang, auditFrom));
            Assert.Equal((CommandFace.Coa, "applied"), (applied.Face, applied.Outcome));
            Assert.Equal(200_000, Line(Zhejiang).DownKbps);
            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            var failover = Assert.Single(channels.RecentFailovers);
            Assert.Equal(("ct-huawei-coa", "Timeout"), (failover.FromChannel, failover.Reason));
            Assert.Contains("moves from channel ct-huawei-coa to ct-huawei-ssh, which reads the line at 200000 kbit/s", service.Output, StringComparison.Ordinal);
            var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandIds[Zhejiang] }, cancellationToken: Ct);
            Assert.Equal(SessionState.Active, status.Download.State);

            await TelecomFailoverLines.StopAsync(service, Zhejiang, bandIds[Zhejiang], Ct);
            var restore = ChangesOf(Zhejiang, auditFrom)[^1];
            Assert.Equal((CommandFace.Cli, "applied"), (restore.Face, restore.Outcome));
            AssertAtBaseRates(Zhejiang);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    private async Task<InProcessService> StartServiceAsync() =>
        await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-coa-{Guid.NewGuid():N}.db"),
            ChannelSettings.TelecomCoaWithCliFallback(networks.Simulators), cancellationToken: Ct);

    private async Task WhileTheClockRunsAsync(InProcessService service, Task call)
    {
        while (!call.IsCompleted)
        {
            service.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(20), Ct));
        }

        await call;
    }

    private SubscriberLineState Line(int i) => networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!;

    /// <summary>The audited changes (and refusals) of line <paramref name="i"/> since <paramref name="from"/>, by any face.</summary>
    private List<AuditEntry> ChangesOf(int i, int from)
    {
        var line = Line(i);
        return [.. networks.Telecom.State.AuditLog.Skip(from).Where(e =>
            TelecomFailoverLines.Mentions(e, line) || e.Command.Contains('"' + line.Account + '"', StringComparison.Ordinal))];
    }

    private static string Outcome(AuditEntry entry) => entry.Outcome.StartsWith("rejected", StringComparison.Ordinal) ? "rejected" : entry.Outcome;

    private void AssertAtBaseRates(params int[] lines)
    {
        foreach (var i in lines)
        {
            Assert.True(Line(i).AtBaseRates, $"{Line(i).Account} is at {Line(i).UpKbps}/{Line(i).DownKbps}");
        }
    }
}
