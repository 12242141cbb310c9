using System.Diagnostics;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "noisy" (also run by "flood"): customer "quiet" runs Precheck → StartSpeedUp → QueryStatus → StopSpeedUp
/// cycles on one China Telecom line (SSH CLI channel, 2 pooled sessions) while customer "noisy" floods pre-checks of
/// other lines from 32 callers (each call a new port, so each costs the BRAS a lookup), at the shipped per-customer rate
/// limit (100 calls/s, burst 200; the per-key limit raised to match, so one key can use it all). The simulated BRAS
/// answers every command after 20 ms, so the channel, not the service, is the bottleneck; the channel's operation
/// timeout is 2 s. A flood caller told RESOURCE_EXHAUSTED (busy or rate-limited) waits 50 ms, as a client should. Three
/// phases of the same length: quiet alone; with the flood and the shipped per-channel admission; with the flood and
/// admission out of the way (MaxConcurrentCalls 1000: calls queue inside the session pool, as before issue 22).
/// Reports the quiet customer's cycles/s, failures and latency, what the flood got back, and the channel's faults,
/// busy refusals and circuit openings. Checked: with the shipped admission every quiet call succeeds and the channel
/// records no fault.
/// </summary>
internal sealed class NoisyTenantBenchmark(CarrierSimulators networks, TimeSpan phaseDuration)
{
    private const int FloodCallers = 32;
    private const string Channel = "ct-huawei-ssh";
    private const string FloodIp = "202.101.172.36";
    private static readonly TimeSpan DeviceLatency = TimeSpan.FromMilliseconds(20);

    /// <summary>The shipped per-customer rate limit, and a per-key limit as high (the test harness lifts both by default).</summary>
    private static readonly Dictionary<string, string> ShippedRateLimits = new()
    {
        ["SpeedUp:Security:RateLimits:PerKey:PermitsPerSecond"] = "100",
        ["SpeedUp:Security:RateLimits:PerKey:Burst"] = "200",
        ["SpeedUp:Security:RateLimits:PerCustomer:PermitsPerSecond"] = "100",
        ["SpeedUp:Security:RateLimits:PerCustomer:Burst"] = "200",
        ["SpeedUp:Channels:0:OperationTimeout"] = "00:00:02",
    };
    private static readonly ServiceLine QuietLine = new("ChinaTelecom", "202.101.172.35", 0, 330100001, 200);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario noisy: one customer's speed-up cycles while another floods pre-checks ({FloodCallers} callers), BRAS {DeviceLatency.TotalMilliseconds:0} ms per command, {phaseDuration.TotalSeconds:0} s per phase");
        networks.Telecom.Faults.CommandLatency = DeviceLatency;
        try
        {
            var ok = true;
            await using (var service = await StartAsync(ShippedRateLimits, cancellationToken))
            {
                var (quiet, noisy) = await CustomersAsync(service, cancellationToken);
                ok &= await PhaseAsync("quiet customer alone", service, quiet, noisy, flood: false, cancellationToken) is { QuietFailures: 0, Faults: 0 };
                ok &= await PhaseAsync("flood, shipped admission", service, quiet, noisy, flood: true, cancellationToken) is { QuietFailures: 0, Faults: 0 };
            }

            var noAdmission = new Dictionary<string, string>(ShippedRateLimits) { ["SpeedUp:Channels:0:Admission:MaxConcurrentCalls"] = "1000" };
            await using (var service = await StartAsync(noAdmission, cancellationToken))
            {
                var (quiet, noisy) = await CustomersAsync(service, cancellationToken);
                await PhaseAsync("flood, admission out of the way (queue in the pool)", service, quiet, noisy, flood: true, cancellationToken);
            }

            return ok;
        }
        finally
        {
            networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;
        }
    }

    private async Task<ServiceProcess> StartAsync(Dictionary<string, string>? settings, CancellationToken cancellationToken) =>
        await ServiceProcess.StartAsync(networks, Path.Combine(Path.GetTempPath(), $"speedup-bench-noisy-{Guid.NewGuid():N}.db"), settings, cancellationToken);

    private static async Task<(SpeedUpService.SpeedUpServiceClient Quiet, SpeedUpService.SpeedUpServiceClient Noisy)> CustomersAsync(
        ServiceProcess service, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { "quiet", "noisy" })
        {
            await service.Customers.CreateCustomerAsync(
                new CreateCustomerRequest { Id = id, Name = id, Subscribed = true, InitialBalance = "1000.00" }, cancellationToken: cancellationToken);
        }

        var quiet = service.ClientAs(await service.CreateKeyAsync("quiet"));
        var noisy = service.ClientAs(await service.CreateKeyAsync("noisy"));
        var precheck = await quiet.PrecheckAsync(new PrecheckRequest { IpAddress = QuietLine.IpAddress }, cancellationToken: cancellationToken);
        await quiet.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, QuietLine.TargetMbps, cancellationToken: cancellationToken);
        return (quiet, noisy);
    }

    private async Task<PhaseResult> PhaseAsync(
        string label, ServiceProcess service, SpeedUpService.SpeedUpServiceClient quiet, SpeedUpService.SpeedUpServiceClient noisy, bool flood,
        CancellationToken cancellationToken)
    {
        var before = await CountersAsync(service, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = new FloodOutcomes();
        var port = 0;
        var floodTasks = flood
            ? Enumerable.Range(0, FloodCallers).Select(_ => Task.Run(() => FloodAsync(noisy, () => Interlocked.Increment(ref port) % 65535, outcomes, stop.Token), CancellationToken.None)).ToArray()
            : [];
        var latencies = new LatencyRecorder();
        var failures = new FailureLog();
        var runner = new CycleRunner(quiet, latencies, failures);
        var cycles = 0;
        var failedCycles = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < phaseDuration)
        {
            if (await runner.RunAsync(QuietLine, cancellationToken))
            {
                cycles++;
            }
            else
            {
                failedCycles++;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await Task.WhenAll(floodTasks);
        var after = await CountersAsync(service, cancellationToken);

        Report.Line("");
        Report.Line($"  {label}");
        Report.KeyValue("quiet cycles/s (failed cycles)", $"{Report.Rate(cycles, elapsed)} ({failedCycles})");
        Report.Table(latencies.Summaries());
        if (flood)
        {
            Report.KeyValue("flood pre-checks/s answered", Report.Rate(outcomes.Answered, elapsed));
            Report.KeyValue("  answered / busy / rate-limited / other", $"{outcomes.Answered} / {outcomes.Busy} / {outcomes.RateLimited} / {outcomes.Other}");
        }

        var faults = after.ChannelFaults - before.ChannelFaults;
        Report.KeyValue($"{Channel}: faults / busy refusals / circuit openings",
            $"{faults} / {after.RefusedBusy - before.RefusedBusy} / {after.CircuitOpened - before.CircuitOpened}");
        failures.Print();
        return new PhaseResult(failedCycles + failures.Count, faults);
    }

    private static async Task<Counters> CountersAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: cancellationToken);
        return channels.Channels.Single(c => c.Name == Channel).Counters;
    }

    private static async Task FloodAsync(SpeedUpService.SpeedUpServiceClient noisy, Func<int> nextPort, FloodOutcomes outcomes, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await noisy.PrecheckAsync(new PrecheckRequest { IpAddress = FloodIp, Port = nextPort() }, cancellationToken: stop);
                Interlocked.Increment(ref outcomes.Answered);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                Interlocked.Increment(ref outcomes.Answered); // an answer about the line
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                Interlocked.Increment(ref e.Status.Detail.Contains("busy", StringComparison.Ordinal) ? ref outcomes.Busy : ref outcomes.RateLimited);
                await Task.Delay(50, stop).ContinueWith(_ => { }, TaskScheduler.Default); // told to slow down: back off
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref outcomes.Other);
            }
        }
    }

    private sealed class FloodOutcomes
    {
        public int Answered;
        public int Busy;
        public int RateLimited;
        public int Other;
    }

    private readonly record struct PhaseResult(int QuietFailures, long Faults);
}
