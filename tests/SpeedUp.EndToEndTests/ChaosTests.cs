using System.Globalization;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The resource scheduler under faults, end to end: the service as its own process with two channels to the
/// simulated China Telecom BRAS (SSH CLI preferred, SNMP as backup), the SSH side dying while speed-ups are in flight
/// under the real clock. The simulator's audit log is the witness that nothing is applied twice. (Breakers, probes,
/// reconciliation and capacity on a fake clock: tests/SpeedUp.Host.Tests/Channels/ChannelResilienceTests.cs.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class ChaosTests(SimulatedNetworks networks)
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartSpeedUp_WhileSshSideDiesMidFlight_MovesToSnmpAndAppliesNothingTwice()
    {
        await using var service = await StartServiceAsync();
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, null, Ct);
        try
        {
            // Three speed-ups through the preferred SSH channel…
            for (var i = 0; i < 3; i++)
            {
                await TelecomFailoverLines.StartAsync(service, i, bandIds[i], Ct);
            }

            Assert.All(NewAudit(auditFrom), e => Assert.Equal(CommandFace.Cli, e.Face));

            // …then, with the CLI slowed down so they are mid-flight, the SSH side goes dark while three more start.
            networks.Telecom.Faults.CommandLatency = TimeSpan.FromMilliseconds(150);
            var receivedFrom = networks.Telecom.Received.LastSequence;
            var starts = Enumerable.Range(3, 3).Select(i => TelecomFailoverLines.StartAsync(service, i, bandIds[i], Ct)).ToArray();
            await ReachedTheDeviceAsync(receivedFrom, [.. Enumerable.Range(3, 3).Select(i => TelecomFailoverLines.Lines[i].Account)]);
            await networks.Telecom.SetSshDarkAsync(true, Ct);
            await Task.WhenAll(starts);

            // Stops (restores) of the SSH-applied sessions go through SNMP too.
            for (var i = 0; i < TelecomFailoverLines.Lines.Count; i++)
            {
                await TelecomFailoverLines.StopAsync(service, i, bandIds[i], Ct);
            }

            var audit = NewAudit(auditFrom);
            for (var i = 0; i < TelecomFailoverLines.Lines.Count; i++)
            {
                var line = networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!;
                Assert.True(line.AtBaseRates, $"{line.Account} is at {line.UpKbps}/{line.DownKbps}");
                var applied = audit.Where(e => e.Outcome == "applied" && TelecomFailoverLines.Mentions(e, line)).ToList();
                Assert.True(applied.Count == 2,
                    $"{line.Account}: expected one apply and one restore, got:\n{string.Join("\n", applied)}\n{service.Output}");
                Assert.Single(applied, e => TelecomFailoverLines.SetsTo(e, TelecomFailoverLines.Lines[i].Mbps * 1000));
            }

            // A start in flight when the SSH side died went through SNMP (at its line's tier: which one depends on timing).
            Assert.True(Enumerable.Range(3, 3).Any(i => audit.Any(e => e.Face == CommandFace.Snmp
                    && TelecomFailoverLines.Mentions(e, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!)
                    && TelecomFailoverLines.SetsTo(e, TelecomFailoverLines.Lines[i].Mbps * 1000))),
                "No start went through SNMP:\n" + string.Join("\n", audit));
            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            var ssh = channels.Channels.Single(c => c.Name == "ct-huawei-ssh");
            Assert.Equal(Health.Unhealthy, ssh.Health);
            Assert.True(ssh.Counters.FailoversFrom > 0);
            Assert.Contains(channels.RecentFailovers, f => f.FromChannel == "ct-huawei-ssh");
            Assert.All(channels.Channels, c => Assert.Equal(0, c.Capacity.SpeedUpsInUse));
        }
        finally
        {
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task BusinessStatistics_AfterEveryChannelWentDark_CountTheRefusedStartAsFailed()
    {
        await using var service = await StartServiceAsync();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, 2, Ct);
        try
        {
            await TelecomFailoverLines.StartAsync(service, 0, bandIds[0], Ct);

            // The whole BRAS goes dark: SSH refuses connections, SNMP drops every request — no channel can read the line.
            await networks.Telecom.GoDarkAsync(Ct);
            await ProductError.AssertFailsAsync(
                () => service.Client.StartSpeedUpAsync(TelecomFailoverLines.Start(1, bandIds[1]), cancellationToken: Ct),
                "isp.SYSTEM_ERROR", StatusCode.Unavailable);

            var today = (await service.Client.GetBusinessStatisticsAsync(
                new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct)).Days[^1];
            Assert.Equal((2L, 1L, 1L, 0.5), (today.Total, today.Successful, today.Failed, today.SuccessRate));

            using var export = service.Client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
            var csv = new System.Text.StringBuilder();
            await foreach (var chunk in export.ResponseStream.ReadAllAsync(Ct))
            {
                csv.Append(chunk.Data.ToStringUtf8());
            }

            var failed = Assert.Single(csv.ToString().Split("\r\n"), row => row.Contains(",FAILED,", StringComparison.Ordinal));
            Assert.Contains(TelecomFailoverLines.Lines[1].Account, failed, StringComparison.Ordinal);
            Assert.Contains("isp.SYSTEM_ERROR: ", failed, StringComparison.Ordinal);
        }
        finally
        {
            networks.Telecom.Faults.SnmpDark = false;
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
            await networks.ResetTelecomAsync();
        }
    }

    private async Task<ServiceProcess> StartServiceAsync(IDictionary<string, string>? extra = null)
    {
        var settings = ChannelSettings.TelecomWithSnmpBackup(networks.Simulators);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return await ServiceProcess.StartAsync(networks.Simulators,
            Path.Combine(Path.GetTempPath(), $"speedup-chaos-{Guid.NewGuid():N}.db"), settings, Ct);
    }

    private List<AuditEntry> NewAudit(int from) => [.. networks.Telecom.State.AuditLog.Skip(from)];

    /// <summary>
    /// Waits (polling the BRAS's received log, 30 s at most) until a command naming each account arrived: every start is
    /// on the device, its write still to come (each command takes 150 ms), however slow or busy the machine.
    /// </summary>
    private async Task ReachedTheDeviceAsync(long receivedFrom, string[] accounts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!accounts.All(a => networks.Telecom.Received.Since(receivedFrom, CommandFace.Cli).Any(r => r.Text.Contains(a, StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline, "The starts did not reach the device within 30 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(5), Ct);
        }
    }

}
