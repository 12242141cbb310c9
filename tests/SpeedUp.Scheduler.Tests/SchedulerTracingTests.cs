using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;
using SpeedUp.Testing;
using SpeedUp.Testing.Tracing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>
/// The scheduler's spans: a run, an attempt per channel tried (with the failover reason), a span per guarded driver
/// call. Two channels (<c>ct-a</c> preferred by priority, <c>ct-b</c>) reach one equipment.
/// </summary>
public sealed class SchedulerTracingTests : IAsyncDisposable
{
    private readonly TestMeterFactory _meters = new();

    private static readonly LineReference Line = new(330100001, "zj0571a0001");
    private static readonly ChannelDemand Zhejiang = new(Carrier.ChinaTelecom, "Zhejiang", Direction.Down, 200);
    private readonly FakeEquipment _equipment = new();
    private readonly FakeDriverFactory _factory;
    private readonly SupplyChannelRegistry _registry;
    private readonly SupplyChannelScheduler _scheduler;

    public SchedulerTracingTests()
    {
        var options = new SchedulerOptions();
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-a", c => { c.Priority = 1; c.Resilience.ReadRetries = 0; }));
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-b", c => { c.Priority = 2; c.Resilience.ReadRetries = 0; }));
        _factory = new FakeDriverFactory(_equipment);
        _registry = new SupplyChannelRegistry(Options.Create(options), [_factory], new InMemoryCapacityLedger(), new ChannelMetrics(_meters), TimeProvider.System,
            NullLogger<SupplyChannelRegistry>.Instance);
        _scheduler = new SupplyChannelScheduler(_registry);
        _equipment.Add(new SubscriberLine(Line.BandId, Line.Account, IPAddress.Parse("202.101.172.35"), PortRange.All,
            new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _meters.Dispose();
    }

    [Fact]
    public async Task RunAsync_FirstChannelTimesOut_TwoAttemptSpansTheFirstWithTheFailoverReason()
    {
        _factory.Drivers["ct-a"].FailWith = DriverFailure.Timeout;
        using var trace = new TraceCapture(SchedulerTracing.SourceName);

        await _scheduler.RunAsync(new ChannelRequest("speed band 330100001 Down up to 200 Mbps", Zhejiang), async (attempt, ct) =>
        {
            await attempt.ReadLineAsync(Line, ct);
            return await attempt.SetRateAsync(Line, Direction.Down, 200000, ct);
        }, Ct);

        var run = Assert.Single(trace.Named(SchedulerTracing.RunSpan));
        Assert.Equal(trace.RootSpanId, run.ParentSpanId);
        Assert.Equal("succeeded", run.GetTagItem(SchedulerTracing.OutcomeTag));
        Assert.Equal("ct-b", run.GetTagItem(SchedulerTracing.ChannelTag));
        Assert.Equal(2, run.GetTagItem(SchedulerTracing.AttemptsTag));
        Assert.Equal("speed band 330100001 Down up to 200 Mbps", run.GetTagItem(SchedulerTracing.OperationTag));

        var attempts = trace.Named(SchedulerTracing.AttemptSpan);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(run.SpanId, a.ParentSpanId));
        var (first, second) = (attempts[0], attempts[1]);
        Assert.Equal(("ct-a", 1, "failover", "Timeout"),
            (first.GetTagItem(SchedulerTracing.ChannelTag), first.GetTagItem(SchedulerTracing.AttemptNumberTag),
             first.GetTagItem(SchedulerTracing.OutcomeTag), first.GetTagItem(SchedulerTracing.FailoverReasonTag)));
        Assert.Equal(ActivityStatusCode.Error, first.Status);
        Assert.Equal(("ct-b", 2, "succeeded", null),
            (second.GetTagItem(SchedulerTracing.ChannelTag), second.GetTagItem(SchedulerTracing.AttemptNumberTag),
             second.GetTagItem(SchedulerTracing.OutcomeTag), second.GetTagItem(SchedulerTracing.FailoverReasonTag)));
        Assert.All(attempts, a => Assert.Equal(
            ("ChinaTelecom", "Zhejiang", "Down", 200),
            (a.GetTagItem(SchedulerTracing.CarrierTag), a.GetTagItem(SchedulerTracing.ProvinceTag), a.GetTagItem(SchedulerTracing.DirectionTag),
             a.GetTagItem(SchedulerTracing.BandwidthTag))));

        // Driver calls: the failed read under the first attempt; read and write under the second.
        var calls = trace.Spans.Where(s => s.OperationName.StartsWith(SchedulerTracing.DriverSpanPrefix, StringComparison.Ordinal)).ToList();
        var failedRead = Assert.Single(calls, c => c.ParentSpanId == first.SpanId);
        Assert.Equal(("driver.read_line", "Timeout", "ct-a"),
            (failedRead.OperationName, failedRead.GetTagItem(SchedulerTracing.DriverFailureTag), failedRead.GetTagItem(SchedulerTracing.ChannelTag)));
        Assert.Equal(ActivityStatusCode.Error, failedRead.Status);
        Assert.Equal(["driver.read_line", "driver.set_rate"],
            calls.Where(c => c.ParentSpanId == second.SpanId).OrderBy(c => c.StartTimeUtc).Select(c => c.OperationName));
        Assert.All(calls, c => Assert.Equal(FakeDriverFactory.Name, c.GetTagItem(SchedulerTracing.DriverTag)));
    }

    [Fact]
    public async Task RunAsync_LineNotFound_RunAndAttemptEndWithTheLineErrorAndProductCode()
    {
        using var trace = new TraceCapture(SchedulerTracing.SourceName);

        await Assert.ThrowsAsync<SpeedUp.Core.Errors.SpeedUpException>(() => _scheduler.RunAsync(new ChannelRequest("read", Zhejiang),
            (attempt, ct) => attempt.ReadLineAsync(new LineReference(339999999, "nobody"), ct), Ct));

        var run = Assert.Single(trace.Named(SchedulerTracing.RunSpan));
        Assert.Equal("failed", run.GetTagItem(SchedulerTracing.OutcomeTag));
        Assert.NotNull(run.GetTagItem(SchedulerTracing.ProductCodeTag));
        var attempt = Assert.Single(trace.Named(SchedulerTracing.AttemptSpan));
        Assert.Equal(("line_error", "LineNotFound"), (attempt.GetTagItem(SchedulerTracing.OutcomeTag), attempt.GetTagItem(SchedulerTracing.FailoverReasonTag)));
    }
}
