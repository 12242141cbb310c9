extern alias host;

using System.Diagnostics;
using System.Globalization;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Protocols.Cli;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Scheduler;
using SpeedUp.Testing;
using SpeedUpTracing = host::SpeedUp.Host.Telemetry.SpeedUpTracing;

namespace SpeedUp.Host.Tests.Telemetry;

/// <summary>
/// One StartSpeedUp as a trace (through the service's own OpenTelemetry registration, exported in memory): the caller's
/// <c>traceparent</c> → ASP.NET Core's server span (request id, product code) → scheduler run → channel attempt →
/// guarded driver calls → CLI commands (China Telecom, SSH) or SNMP requests (China Unicom); no secret and, unless
/// configured, no account in any span.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class TracingTests(SimulatedNetworks networks)
{
    private const string TelecomIp = "202.101.172.36"; // band 330100002, zj0571a0002: 8 up / 100 down
    private const string TelecomAccount = "zj0571a0002";
    private const string UnicomIp = "119.6.6.6"; // band 451000001, sc028u0001
    private const string UnicomAccount = "sc028u0001";
    private readonly ExportedSpanCollection _spans = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartSpeedUp_WithTraceparentOverCli_OneTraceFromTheCallersSpanToTheCliCommands()
    {
        await using var service = await StartAsync();
        var (traceId, callerSpan, spans) = await TracedStartAsync(service, TelecomIp, "trace-cli-1");

        var server = ServerSpan(spans);
        Assert.Equal(callerSpan, server.ParentSpanId);
        Assert.Equal(("trace-cli-1", "OK", "ok"),
            (server.GetTagItem(SpeedUpTracing.RequestIdTag), server.GetTagItem(SpeedUpTracing.ProductCodeTag), server.GetTagItem(SpeedUpTracing.OutcomeTag)));

        var run = Assert.Single(spans, s => s.OperationName == SchedulerTracing.RunSpan);
        Assert.Equal(server.SpanId, run.ParentSpanId);
        Assert.Equal("succeeded", run.GetTagItem(SchedulerTracing.OutcomeTag));
        var attempt = Assert.Single(spans, s => s.OperationName == SchedulerTracing.AttemptSpan);
        Assert.Equal(run.SpanId, attempt.ParentSpanId);
        Assert.Equal(("ct-huawei-ssh", "ChinaTelecom", "Zhejiang", "succeeded"),
            (attempt.GetTagItem(SchedulerTracing.ChannelTag), attempt.GetTagItem(SchedulerTracing.CarrierTag),
             attempt.GetTagItem(SchedulerTracing.ProvinceTag), attempt.GetTagItem(SchedulerTracing.OutcomeTag)));

        var setRate = Assert.Single(spans, s => s.OperationName == "driver.set_rate");
        Assert.Equal(attempt.SpanId, setRate.ParentSpanId);
        Assert.Equal(("ct-huawei-ssh", "huawei-cli-ssh"), (setRate.GetTagItem(SchedulerTracing.ChannelTag), setRate.GetTagItem(SchedulerTracing.DriverTag)));
        Assert.Contains(spans, s => s.OperationName == "driver.read_line" && s.ParentSpanId == attempt.SpanId);

        var commands = spans.Where(s => s.OperationName == CliTracing.CommandSpan && s.ParentSpanId == setRate.SpanId).ToList();
        Assert.Contains(commands, c => Equals(c.GetTagItem(CliTracing.VerbTag), "access-user"));
        Assert.All(commands, c => Assert.Equal(("huawei-vrp", ActivityKind.Client), (c.GetTagItem(CliTracing.DialectTag), c.Kind)));
        Assert.All(commands, c => Assert.Null(c.GetTagItem(CliTracing.CommandTag)));

        AssertNothingSecret(_spans.Snapshot(), TelecomAccount);
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
    }

    [Fact]
    public async Task StartSpeedUp_OverSnmp_SnmpRequestSpansUnderTheDriverCallsWithoutCommunity()
    {
        await using var service = await StartAsync();
        var (_, callerSpan, spans) = await TracedStartAsync(service, UnicomIp, "trace-snmp-1");

        Assert.Equal(callerSpan, ServerSpan(spans).ParentSpanId);
        var attempt = Assert.Single(spans, s => s.OperationName == SchedulerTracing.AttemptSpan);
        Assert.Equal(("cu-zte-snmp", "ChinaUnicom", "Sichuan"),
            (attempt.GetTagItem(SchedulerTracing.ChannelTag), attempt.GetTagItem(SchedulerTracing.CarrierTag), attempt.GetTagItem(SchedulerTracing.ProvinceTag)));
        var setRate = Assert.Single(spans, s => s.OperationName == "driver.set_rate" && s.ParentSpanId == attempt.SpanId);

        var set = Assert.Single(spans, s => s.OperationName == "snmp.set");
        Assert.Equal(setRate.SpanId, set.ParentSpanId);
        Assert.Equal(("SetRequest", "V2c", "127.0.0.1", networks.Simulators.Unicom.SnmpEndpoint.Port, 1),
            (set.GetTagItem(SnmpTracing.PduTypeTag), set.GetTagItem(SnmpTracing.VersionTag), set.GetTagItem(SnmpTracing.ServerAddressTag),
             set.GetTagItem(SnmpTracing.ServerPortTag), set.GetTagItem(SnmpTracing.VarBindCountTag)));
        Assert.IsType<int>(set.GetTagItem(SnmpTracing.RequestIdTag));
        Assert.Contains(spans, s => s.OperationName == "snmp.get" && s.ParentSpanId == setRate.SpanId);

        AssertNothingSecret(_spans.Snapshot(), UnicomAccount);
    }

    [Fact]
    public async Task StartSpeedUp_RecordAccountsOn_CliSpansHoldTheMaskedCommandButNoPassword()
    {
        await using var service = await StartAsync(new Dictionary<string, string> { ["SpeedUp:Telemetry:RecordAccounts"] = "true" });
        var (_, _, spans) = await TracedStartAsync(service, TelecomIp, "trace-accounts-1");

        var commands = spans.Where(s => s.OperationName == CliTracing.CommandSpan).Select(s => s.GetTagItem(CliTracing.CommandTag) as string).ToList();
        Assert.Contains($"access-user user-name {TelecomAccount} car inbound cir 20000", commands);
        Assert.DoesNotContain(_spans.Snapshot().SelectMany(TagValues), v => v.Contains(networks.Simulators.Telecom.SshPassword, StringComparison.Ordinal));
    }

    private Task<InProcessService> StartAsync(IDictionary<string, string>? settings = null) =>
        InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-traces-{Guid.NewGuid():N}.db"), settings,
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)), Ct);

    /// <summary>
    /// Pre-checks and orders the line (untraced by the test), starts an upload speed-up to 20 Mbit/s with a
    /// <c>traceparent</c> of the test's own, stops it again (the simulators are shared), and returns the start's spans.
    /// </summary>
    private async Task<(ActivityTraceId TraceId, ActivitySpanId CallerSpan, IReadOnlyList<Activity> Spans)> TracedStartAsync(
        InProcessService service, string ip, string requestId)
    {
        var client = service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = ip }, cancellationToken: Ct);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Up, 20, cancellationToken: Ct);
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var headers = new Metadata
        {
            { "traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01" },
            { "x-request-id", requestId },
        };
        try
        {
            await client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = ip, BandId = precheck.BandId, Direction = Direction.Up, TargetBandwidthMbps = 20,
            }, headers, cancellationToken: Ct);
        }
        finally
        {
            await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = ip, BandId = precheck.BandId, Direction = Direction.Up }, cancellationToken: Ct);
        }

        // The server span ends after the answer is sent: wait for it.
        var spans = await Eventually.ValueAsync(() => Task.FromResult(_spans.Of(traceId)), s => s.Any(IsServerSpan),
            $"No server span of trace {traceId} was exported", Ct);
        return (traceId, callerSpan, spans);
    }

    private static bool IsServerSpan(Activity span) => span.Kind == ActivityKind.Server;

    private static Activity ServerSpan(IEnumerable<Activity> spans) => Assert.Single(spans, IsServerSpan);

    private static IEnumerable<string> TagValues(Activity span) =>
        span.TagObjects.Select(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")
            .Append(span.DisplayName).Append(span.StatusDescription ?? "");

    /// <summary>No span of the whole run (every trace) holds a channel secret or the account.</summary>
    private void AssertNothingSecret(IReadOnlyList<Activity> all, string account)
    {
        Assert.NotEmpty(all);
        var forbidden = new[] { networks.Simulators.Telecom.SshPassword, CarrierSimulators.UnicomWriteCommunity, account };
        foreach (var value in all.SelectMany(TagValues))
        {
            foreach (var secret in forbidden)
            {
                Assert.False(value.Contains(secret, StringComparison.Ordinal), $"A span holds '{secret}': {value}");
            }
        }
    }
}
