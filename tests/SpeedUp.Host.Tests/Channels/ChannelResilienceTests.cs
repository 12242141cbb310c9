using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Core.Cluster;
using SpeedUp.Simulator;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// The resource scheduler under faults: the service (in process) with two channels to the simulated China Telecom
/// BRAS (SSH CLI preferred, SNMP as backup), faults injected into the simulator. Health probes (every 250 ms),
/// reconciliation (every 500 ms) and breaker break durations run on the service's fake clock: the tests advance it.
/// The simulator's audit log is the witness that nothing is applied twice. (A channel dying mid-flight under the real
/// clock: tests/SpeedUp.EndToEndTests/ChaosTests.cs.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ChannelResilienceTests(SimulatedNetworks networks)
{
    /// <summary>Probes and re-applies talk to the simulator in real time: as long as the real-process tests gave them.</summary>
    private static readonly TimeSpan DeviceTime = TimeSpan.FromSeconds(15);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_AfterBrasReboot_ReappliesTheLostSpeedUp()
    {
        await using var service = await StartServiceAsync();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, count: 1, Ct);
        try
        {
            await TelecomFailoverLines.StartAsync(service, 0, bandIds[0], Ct);
            Assert.Equal(200000, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);

            await networks.Telecom.RebootAsync(Ct);
            Assert.Equal(50000, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);

            await Eventually.ValueAsync(
                () =>
                {
                    service.Time.Advance(TimeSpan.FromMilliseconds(500)); // SpeedUp:Sessions:ReconcileInterval
                    return Task.FromResult(networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);
                },
                kbps => kbps == 200000, $"The lost speed-up was not re-applied:\n{service.Output}", DeviceTime, Ct);
            Assert.Contains("re-applying 200000 kbit/s", service.Output, StringComparison.Ordinal);

            var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandIds[0] }, cancellationToken: Ct);
            Assert.Equal(SessionState.Active, status.Download.State);

            await TelecomFailoverLines.StopAsync(service, 0, bandIds[0], Ct);
            Assert.Equal(50000, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task Reconcile_OnlyOnItsTurn_AnotherInstancesTurnLeavesTheLinesToThatInstance()
    {
        var turns = new SwitchableTurns();
        await using var service = await StartServiceAsync(services: s => s.AddSingleton<IPeriodicJobTurns>(turns));
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, count: 1, Ct);
        try
        {
            await TelecomFailoverLines.StartAsync(service, 0, bandIds[0], Ct);
            await networks.Telecom.RebootAsync(Ct);

            // Another instance holds the turns: this one asks every interval and leaves the line alone.
            var asked = turns.Asked;
            await Eventually.ValueAsync(
                () =>
                {
                    service.Time.Advance(TimeSpan.FromMilliseconds(500)); // SpeedUp:Sessions:ReconcileInterval
                    return Task.FromResult(turns.Asked);
                },
                n => n >= asked + 3, $"The reconciler did not ask for its turn:\n{service.Output}", DeviceTime, Ct);
            Assert.Equal(50000, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);
            Assert.DoesNotContain("re-applying", service.Output, StringComparison.Ordinal);
            Assert.All(turns.Jobs, job => Assert.Equal("reconcile", job));

            turns.Grant = true; // its turn: the lost speed-up comes back
            await Eventually.ValueAsync(
                () =>
                {
                    service.Time.Advance(TimeSpan.FromMilliseconds(500));
                    return Task.FromResult(networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);
                },
                kbps => kbps == 200000, $"The lost speed-up was not re-applied on this instance's turn:\n{service.Output}", DeviceTime, Ct);

            await TelecomFailoverLines.StopAsync(service, 0, bandIds[0], Ct);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task StartSpeedUp_WhenChannelsAreFull_MovesToTheNextThenFailsWithBusinessLimit()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string>
        {
            ["SpeedUp:Channels:0:Capacity:MaxSpeedUps"] = "1",
            ["SpeedUp:Channels:2:Capacity:MaxSpeedUps"] = "1",
        });
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(service, count: 3, Ct);
        try
        {
            await TelecomFailoverLines.StartAsync(service, 0, bandIds[0], Ct);
            await TelecomFailoverLines.StartAsync(service, 1, bandIds[1], Ct);
            var error = await ProductError.AssertFailsAsync(
                () => service.Client.StartSpeedUpAsync(TelecomFailoverLines.Start(2, bandIds[2]), cancellationToken: Ct),
                "isv.BUSINESS_LIMIT_CONTROL", StatusCode.ResourceExhausted);
            Assert.Contains("at capacity", error.Status.Detail, StringComparison.Ordinal);

            // The refused start is a failed call of the day, and a FAILED row of the detail export with the product's code.
            var today = (await service.Client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct)).Days[^1];
            Assert.Equal((3L, 2L, 1L), (today.Total, today.Successful, today.Failed));
            Assert.Equal(2.0 / 3, today.SuccessRate, 6);
            using var export = service.Client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
            var csv = new System.Text.StringBuilder();
            await foreach (var chunk in export.ResponseStream.ReadAllAsync(Ct))
            {
                csv.Append(chunk.Data.ToStringUtf8());
            }

            Assert.Single(csv.ToString().Split("\r\n"), row => row.Contains(",FAILED,0,", StringComparison.Ordinal)
                && row.Contains("isv.BUSINESS_LIMIT_CONTROL: ", StringComparison.Ordinal)
                && row.Contains(TelecomFailoverLines.Lines[2].Account, StringComparison.Ordinal));

            var audit = NewAudit(auditFrom);
            Assert.Single(audit, e => e.Face == CommandFace.Cli && e.Command.Contains(TelecomFailoverLines.Lines[0].Account, StringComparison.Ordinal));
            Assert.Single(audit, e => e.Face == CommandFace.Snmp && TelecomFailoverLines.Mentions(e, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[1].Account)!));
            Assert.DoesNotContain(audit, e => TelecomFailoverLines.Mentions(e, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[2].Account)!));

            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);
            Assert.All(channels.Channels.Where(c => c.Carrier == "ChinaTelecom"), c =>
            {
                Assert.Equal(1, c.Capacity.SpeedUpsInUse);
                Assert.True(c.Counters.RejectedFull >= 1);
            });

            // A stop frees a place: the refused line now starts.
            await TelecomFailoverLines.StopAsync(service, 0, bandIds[0], Ct);
            await TelecomFailoverLines.StartAsync(service, 2, bandIds[2], Ct);
            await TelecomFailoverLines.StopAsync(service, 1, bandIds[1], Ct);
            await TelecomFailoverLines.StopAsync(service, 2, bandIds[2], Ct);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task HealthProbe_OfChannelThatCameBack_ClosesTheCircuitAgain()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string>
        {
            ["SpeedUp:Channels:0:Resilience:MinimumThroughput"] = "2",
            ["SpeedUp:Channels:0:Resilience:BreakDuration"] = "00:00:01",
        });
        try
        {
            await networks.Telecom.SetSshDarkAsync(true, Ct);
            await WaitForChannelAsync(service, "ct-huawei-ssh", c => c.Circuit == CircuitState.Open);

            await networks.Telecom.SetSshDarkAsync(false, Ct);
            var back = await WaitForChannelAsync(service, "ct-huawei-ssh",
                c => c.Circuit == CircuitState.Closed && c.Health == Health.Healthy);

            Assert.True(back.Counters.CircuitOpened >= 1);
            Assert.Contains("circuit closed", service.Output, StringComparison.Ordinal);
        }
        finally
        {
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ChannelAdmin_ListAndProbe_DescribeEveryChannelAndFailForUnknownOne()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string>
        {
            ["SpeedUp:Channels:2:Tiers:0"] = "Down:100",
            ["SpeedUp:Channels:2:Capacity:BandwidthPoolMbps"] = "500",
            ["SpeedUp:Channels:2:Cost"] = "0.25",
        });

        var probed = await service.Admin.ProbeChannelAsync(new ProbeChannelRequest { Name = "ct-snmp" }, cancellationToken: Ct);
        var all = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct);

        Assert.Equal(["ct-huawei-ssh", "cu-zte-snmp", "ct-snmp"], all.Channels.Select(c => c.Name));
        Assert.Equal(Health.Healthy, probed.Health);
        Assert.NotNull(probed.ProbedAt);
        Assert.Equal("zte-snmp", probed.Driver);
        Assert.Equal(["Down:100"], probed.Tiers);
        Assert.Equal(500, probed.Capacity.BandwidthPoolMbps);
        Assert.Equal("0.25", probed.Cost);
        Assert.Equal(CircuitState.Closed, probed.Circuit);
        Assert.Equal(ChannelSettings.TelecomSeedProvinces, probed.Provinces);
        await ProductError.AssertFailsAsync(
            () => service.Admin.ProbeChannelAsync(new ProbeChannelRequest { Name = "no-such-channel" }, cancellationToken: Ct),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
    }

    private async Task<InProcessService> StartServiceAsync(IDictionary<string, string>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = ChannelSettings.TelecomWithSnmpBackup(networks.Simulators);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return await InProcessService.StartAsync(networks.Simulators,
            Path.Combine(Path.GetTempPath(), $"speedup-chaos-{Guid.NewGuid():N}.db"), settings, services, Ct);
    }

    /// <summary>Turns held by another instance until <see cref="Grant"/> is set; records every ask.</summary>
    private sealed class SwitchableTurns : IPeriodicJobTurns
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _jobs = new();

        private volatile bool _grant;

        public bool Grant
        {
            get => _grant;
            set => _grant = value;
        }

        public int Asked => _jobs.Count;

        public IReadOnlyCollection<string> Jobs => [.. _jobs];

        public Task<bool> TryTakeTurnAsync(string job, string instanceId, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken)
        {
            _jobs.Enqueue(job);
            return Task.FromResult(Grant);
        }
    }

    private List<AuditEntry> NewAudit(int from) => [.. networks.Telecom.State.AuditLog.Skip(from)];

    /// <summary>
    /// Moves the service's clock on one probe interval (250 ms) at a time, each once the last probe has reported (or
    /// after 200 ms of real time), until the channel is as expected: the breaker's sampling window and break duration
    /// pass at the pace the probes actually run, however busy the machine.
    /// </summary>
    private async Task<ChannelStatus> WaitForChannelAsync(InProcessService service, string name, Func<ChannelStatus, bool> condition)
    {
        Google.Protobuf.WellKnownTypes.Timestamp? lastProbe = null;
        var movedAt = Stopwatch.GetTimestamp();
        return await Eventually.ValueAsync(
            async () =>
            {
                var status = (await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: Ct)).Channels.Single(c => c.Name == name);
                if (!Equals(status.ProbedAt, lastProbe) || Stopwatch.GetElapsedTime(movedAt) > TimeSpan.FromMilliseconds(200))
                {
                    (lastProbe, movedAt) = (status.ProbedAt, Stopwatch.GetTimestamp());
                    service.Time.Advance(TimeSpan.FromMilliseconds(250));
                }

                return status;
            },
            condition, $"Channel {name} did not reach the expected state:\n{service.Output}", DeviceTime, Ct);
    }
}
