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
    /// <summary>Telecom lines of the seed and a downstream tier each can take (Yunnan has no 200 Mbps tier).</summary>
    private static readonly (string Ip, int Port, string Account, int Mbps)[] Lines =
    [
        ("202.101.172.100", 1500, "zj0571a0003", 200),
        ("202.101.172.100", 2500, "zj0571a0004", 200),
        ("202.101.172.100", 3500, "zj0571a0005", 200),
        ("61.139.2.69", 0, "sc028a0001", 200),
        ("218.30.19.40", 0, "sn029a0001", 200),
        ("222.172.200.68", 0, "yn0871a0001", 100),
    ];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartSpeedUp_WhileSshSideDiesMidFlight_MovesToSnmpAndAppliesNothingTwice()
    {
        await using var service = await StartServiceAsync();
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        var bandIds = await PrecheckAllAsync(service);
        try
        {
            // Three speed-ups through the preferred SSH channel…
            for (var i = 0; i < 3; i++)
            {
                await StartAsync(service, i, bandIds[i]);
            }

            Assert.All(NewAudit(auditFrom), e => Assert.Equal(CommandFace.Cli, e.Face));

            // …then, with the CLI slowed down so they are mid-flight, the SSH side goes dark while three more start.
            networks.Telecom.Faults.CommandLatency = TimeSpan.FromMilliseconds(150);
            var starts = Enumerable.Range(3, 3).Select(i => StartAsync(service, i, bandIds[i])).ToArray();
            await Task.Delay(TimeSpan.FromMilliseconds(400), Ct);
            await networks.Telecom.SetSshDarkAsync(true, Ct);
            await Task.WhenAll(starts);

            // Stops (restores) of the SSH-applied sessions go through SNMP too.
            for (var i = 0; i < Lines.Length; i++)
            {
                await StopAsync(service, i, bandIds[i]);
            }

            var audit = NewAudit(auditFrom);
            for (var i = 0; i < Lines.Length; i++)
            {
                var line = networks.Telecom.State.FindByAccount(Lines[i].Account)!;
                Assert.True(line.AtBaseRates, $"{line.Account} is at {line.UpKbps}/{line.DownKbps}");
                var applied = audit.Where(e => e.Outcome == "applied" && Mentions(e, line)).ToList();
                Assert.True(applied.Count == 2,
                    $"{line.Account}: expected one apply and one restore, got:\n{string.Join("\n", applied)}\n{service.Output}");
                Assert.Single(applied, e => SetsTo(e, Lines[i].Mbps * 1000));
            }

            Assert.Contains(audit, e => e.Face == CommandFace.Snmp && SetsTo(e, 200000)); // a start went through SNMP
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
            await RestoreAllAsync();
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

    private async Task<long[]> PrecheckAllAsync(ServiceProcess service, int? count = null)
    {
        var bandIds = new List<long>();
        foreach (var (ip, port, _, mbps) in Lines.Take(count ?? Lines.Length))
        {
            var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = ip, Port = port }, cancellationToken: Ct);
            await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, mbps, cancellationToken: Ct);
            bandIds.Add(precheck.BandId);
        }

        return [.. bandIds];
    }

    private static StartSpeedUpRequest StartRequest(int i, long bandId) => new()
    {
        IpAddress = Lines[i].Ip, Port = Lines[i].Port, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = Lines[i].Mbps,
    };

    private async Task StartAsync(ServiceProcess service, int i, long bandId) =>
        await service.Client.StartSpeedUpAsync(StartRequest(i, bandId), cancellationToken: Ct);

    private async Task StopAsync(ServiceProcess service, int i, long bandId) =>
        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest
        {
            IpAddress = Lines[i].Ip, Port = Lines[i].Port, BandId = bandId, Direction = Direction.Down,
        }, cancellationToken: Ct);

    private List<AuditEntry> NewAudit(int from) => [.. networks.Telecom.State.AuditLog.Skip(from)];

    /// <summary>Whether an audited command changed this line: the CLI names the account, an SNMP SET the band id as the OID's last arc.</summary>
    private static bool Mentions(AuditEntry entry, SubscriberLineState line) =>
        entry.Command.Contains(" " + line.Account + " ", StringComparison.Ordinal)
        || entry.Command.Contains("." + line.BandId.ToString(CultureInfo.InvariantCulture) + " =", StringComparison.Ordinal);

    /// <summary>Whether an audited command sets a rate of exactly <paramref name="kbps"/> (CLI: last word; SNMP: the value).</summary>
    private static bool SetsTo(AuditEntry entry, int kbps) =>
        Regex.IsMatch(entry.Command, $@"(?<![0-9.]){kbps}(?![0-9])");

    private async Task RestoreAllAsync()
    {
        // Leave the shared simulator as the next test expects it, whatever happened here.
        foreach (var line in networks.Telecom.State.Lines.Where(l => !l.AtBaseRates))
        {
            networks.Telecom.State.SetRates(
                [new RateChange(line.BandId, RateDirection.Up, line.BaseUpKbps), new RateChange(line.BandId, RateDirection.Down, line.BaseDownKbps)],
                CommandFace.Control, "test clean-up");
        }

        await networks.Telecom.ClearFaultsAsync(CancellationToken.None);
    }
}
