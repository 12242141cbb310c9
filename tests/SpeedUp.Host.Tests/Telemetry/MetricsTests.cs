extern alias host;

using System.Diagnostics.Metrics;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Telemetry;

/// <summary>
/// The service's instruments move when their events happen (the service in process on its fake clock): a start, a
/// stop, an expiry, a refused call, the open-session count; each instrument is read from the service's own
/// <see cref="IMeterFactory"/>, so other tests' services do not count. (Failover, circuit and capacity gauges:
/// tests/SpeedUp.Scheduler.Tests/ChannelMetricsTests.cs; the Prometheus scrape: tests/SpeedUp.EndToEndTests/MetricsEndToEndTests.cs.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class MetricsTests(SimulatedNetworks networks)
{
    private const string Ip = "202.101.172.35";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-metrics-{Guid.NewGuid():N}.db");

    private static MetricCollector<T> Collect<T>(InProcessService service, string meter, string instrument)
        where T : struct =>
        new(service.Services.GetRequiredService<IMeterFactory>(), meter, instrument);

    [Fact]
    public async Task StartSpeedUp_WhenApplied_CountsTheSpeedUpCallJournalAndDeviceWrite()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var speedUps = Collect<long>(service, "SpeedUp.Core", "speedup.speedups");
        using var calls = Collect<double>(service, "SpeedUp.Host", "rpc.server.call.duration");
        using var journal = Collect<double>(service, "SpeedUp.Storage", "speedup.journal.write.duration");
        using var device = Collect<double>(service, "SpeedUp.Scheduler", "speedup.device.operation.duration");
        var bandId = await StartAsync(service);
        try
        {
            var applied = Assert.Single(speedUps.GetMeasurementSnapshot());
            Assert.Equal(1, applied.Value);
            Assert.True(applied.Tags.Has(
                ("speedup.carrier", "ChinaTelecom"), ("speedup.province", "Zhejiang"),
                ("speedup.channel", "ct-huawei-ssh"), ("speedup.outcome", "applied")), Describe(applied.Tags));
            Assert.False(applied.Tags.ContainsKey("speedup.band_id"));

            Assert.Contains(calls.GetMeasurementSnapshot(), m => m.Tags.Has(
                ("rpc.method", "StartSpeedUp"), ("rpc.service", "broadband.speedup.v1.SpeedUpService"), ("speedup.product_code", "OK")));
            Assert.Contains(journal.GetMeasurementSnapshot(), m => m.Tags.Has(("speedup.journal.operation", "insert"), ("db.system.name", "sqlite")));
            Assert.Contains(journal.GetMeasurementSnapshot(), m => m.Tags.Has(("speedup.journal.operation", "update")));
            Assert.Contains(device.GetMeasurementSnapshot(), m => m.Tags.Has(
                ("speedup.channel", "ct-huawei-ssh"), ("speedup.driver", "huawei-cli-ssh"), ("speedup.device.operation", "write"))
                && !m.Tags.ContainsKey("error.type"));
        }
        finally
        {
            await StopAsync(service, bandId);
        }
    }

    [Fact]
    public async Task StopSpeedUp_WhenRestored_CountsARestoreWithReasonStoppedAndNoLag()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var restores = Collect<long>(service, "SpeedUp.Core", "speedup.restores");
        using var lag = Collect<double>(service, "SpeedUp.Core", "speedup.restore.lag");
        var bandId = await StartAsync(service);

        await StopAsync(service, bandId);

        var restored = Assert.Single(restores.GetMeasurementSnapshot());
        Assert.True(restored.Tags.Has(
            ("speedup.end_reason", "stopped"), ("speedup.outcome", "restored"), ("speedup.channel", "ct-huawei-ssh"),
            ("speedup.carrier", "ChinaTelecom"), ("speedup.province", "Zhejiang")), Describe(restored.Tags));
        Assert.Empty(lag.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Sweep_AtDueTime_CountsAnExpiredRestoreAndRecordsItsLag()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var restores = Collect<long>(service, "SpeedUp.Core", "speedup.restores");
        using var lag = Collect<double>(service, "SpeedUp.Core", "speedup.restore.lag");
        var bandId = await StartAsync(service);
        var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct);
        var due = status.Download.ExpiresAt.ToDateTimeOffset();

        service.Time.Advance(due - service.Time.GetUtcNow() + TimeSpan.FromSeconds(3)); // the next sweep ends it
        await lag.WaitForMeasurementsAsync(1, Eventually.Limit);

        var restored = Assert.Single(restores.GetMeasurementSnapshot());
        Assert.True(restored.Tags.Has(("speedup.end_reason", "expired"), ("speedup.outcome", "restored")), Describe(restored.Tags));
        var measured = Assert.Single(lag.GetMeasurementSnapshot());
        Assert.InRange(measured.Value, 0, 3);
        Assert.True(measured.Tags.Has(("speedup.end_reason", "expired"), ("speedup.channel", "ct-huawei-ssh")), Describe(measured.Tags));
    }

    [Fact]
    public async Task Call_WithWrongSecretOrReplayedNonce_CountsRefusalsByReason()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var refusals = Collect<long>(service, "SpeedUp.Host", "speedup.auth.refusals");
        using var calls = Collect<double>(service, "SpeedUp.Host", "rpc.server.call.duration");
        var at = service.Time.GetUtcNow();

        await SignedCallProbe.AssertUnauthenticatedAsync(service,
            SignedCallProbe.Headers(service.CustomerKey with { AccessKeySecret = "a-wrong-secret-value" }, at), "signature does not match");
        var signed = SignedCallProbe.Headers(service.CustomerKey, at);
        var client = new SpeedUpService.SpeedUpServiceClient(service.Channel);
        await client.QueryStatusAsync(SignedCallProbe.Query, signed, cancellationToken: Ct);
        await SignedCallProbe.AssertUnauthenticatedAsync(service, signed, "already used");

        var reasons = refusals.GetMeasurementSnapshot().Select(m => (string?)m.Tags["speedup.auth.reason"]).ToArray();
        Assert.Equal(["signature_invalid", "signature_replayed"], reasons);
        Assert.All(refusals.GetMeasurementSnapshot(), m => Assert.Equal("/broadband.speedup.v1.SpeedUpService/QueryStatus", m.Tags["rpc.method"]));
        Assert.Equal(2, calls.GetMeasurementSnapshot().Count(m => m.Tags.Has(
            ("rpc.method", "QueryStatus"), ("speedup.product_code", "isp.RAM_PERMISSION_DENY"), ("rpc.grpc.status_code", (int)StatusCode.Unauthenticated))));
    }

    [Fact]
    public async Task OpenSessionsGauge_AfterStartAndNextCount_ReadsOneActiveTelecomSession()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var open = Collect<long>(service, "SpeedUp.Core", "speedup.sessions.open");
        var bandId = await StartAsync(service);
        try
        {
            // Counted at start-up (none) and every SpeedUp:Telemetry:OpenSessionsInterval (15 s) after: never on a scrape.
            var active = await Eventually.ValueAsync<long?>(
                () =>
                {
                    service.Time.Advance(TimeSpan.FromSeconds(15));
                    open.RecordObservableInstruments();
                    return Task.FromResult(open.GetMeasurementSnapshot(clear: true)
                        .SingleOrDefault(m => m.Tags.Has(("speedup.carrier", "ChinaTelecom"), ("speedup.session.state", "active")))?.Value);
                },
                value => value == 1, "The open-session gauge did not count the active session", Ct);
            Assert.Equal(1, active);
        }
        finally
        {
            await StopAsync(service, bandId);
        }
    }

    [Fact]
    public async Task Metrics_OnTheGrpcEndpoint_IsNotServed()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var client = service.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>() is TestServer server
            ? server.CreateClient()
            : throw new InvalidOperationException("Not a TestServer.");

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("speedup_", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<long> StartAsync(InProcessService service)
    {
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Ip, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        }, cancellationToken: Ct);
        return precheck.BandId;
    }

    private static async Task StopAsync(InProcessService service, long bandId)
    {
        var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct);
        if (status.Download.State == SessionState.Active)
        {
            await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Ip, BandId = bandId, Direction = Direction.Down }, cancellationToken: Ct);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, object?> tags) => string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"));
}

/// <summary>Tag matching for collected measurements.</summary>
internal static class MeasurementTags
{
    /// <summary>Whether <paramref name="tags"/> has every expected key with an equal value.</summary>
    public static bool Has(this IReadOnlyDictionary<string, object?> tags, params (string Key, object Value)[] expected) =>
        expected.All(e => tags.TryGetValue(e.Key, out var value) && Equals(value, e.Value));
}
