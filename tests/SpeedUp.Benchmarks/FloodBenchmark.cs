using System.Diagnostics;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "flood": a customer calls QueryStatus from 127.0.0.1 while 16 callers on 127.0.0.2 send calls signed with a
/// guessed secret as fast as they can. Three phases of the same length: the customer alone; the flood with the
/// failed-authentication limit out of the way (1,000,000/s); the flood with the shipped limit (10/s, burst 100 per
/// address). Reports the customer's rate and latency and what the flood got back. Checked: the customer's calls all
/// succeed, and with the shipped limit the flood is refused as rate limited.
/// </summary>
internal sealed class FloodBenchmark(CarrierSimulators networks, TimeSpan phaseDuration)
{
    private const string AttackerAddress = "127.0.0.2";
    private const int AttackCallers = 16;
    private const int WarmUpCalls = 2000;
    private static readonly QueryStatusRequest Query = new() { BandId = 330100001 };

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario flood: customer QueryStatus from 127.0.0.1 vs {AttackCallers} forged callers from {AttackerAddress}, {phaseDuration.TotalSeconds:0} s per phase");
        var ok = true;
        var unlimited = new Dictionary<string, string>
        {
            ["SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress:PermitsPerSecond"] = "1000000",
            ["SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress:Burst"] = "1000000",
        };
        await using (var service = await StartAsync(unlimited, cancellationToken))
        {
            ok &= await PhaseAsync("customer alone", service, flood: false, cancellationToken) is { Refused: 0 };
            ok &= await PhaseAsync("flood, no failure limit", service, flood: true, cancellationToken) is { Refused: 0 };
        }

        await using (var service = await StartAsync(settings: null, cancellationToken))
        {
            var limited = await PhaseAsync("flood, shipped failure limit", service, flood: true, cancellationToken);
            ok &= limited is { Refused: 0, AttackLimited: > 0 };
        }

        return ok;
    }

    private async Task<ServiceProcess> StartAsync(Dictionary<string, string>? settings, CancellationToken cancellationToken) =>
        await ServiceProcess.StartAsync(networks, Path.Combine(Path.GetTempPath(), $"speedup-bench-flood-{Guid.NewGuid():N}.db"), settings, cancellationToken);

    private async Task<PhaseResult> PhaseAsync(string label, ServiceProcess service, bool flood, CancellationToken cancellationToken)
    {
        using var attacker = service.ChannelFrom(AttackerAddress);
        var forged = new SpeedUpService.SpeedUpServiceClient(
            attacker.Intercept(new SigningInterceptor(service.CustomerKey with { AccessKeySecret = "a-guessed-secret-value" })));
        var customer = service.Client;
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await customer.QueryStatusAsync(Query, cancellationToken: cancellationToken); // past tiered JIT's first tiers
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counts = new int[3]; // unauthenticated, rate limited, other
        var attack = flood
            ? Enumerable.Range(0, AttackCallers).Select(_ => Task.Run(() => AttackAsync(forged, counts, stop.Token), CancellationToken.None)).ToArray()
            : [];
        var latencies = new LatencyRecorder();
        var refused = 0;
        var cpuBefore = service.ProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var served = 0;
        while (Stopwatch.GetElapsedTime(started) < phaseDuration)
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                await customer.QueryStatusAsync(Query, cancellationToken: cancellationToken);
                latencies.Add("customer QueryStatus", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                served++;
            }
            catch (RpcException)
            {
                refused++;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await Task.WhenAll(attack);
        var cpu = service.ProcessorTime - cpuBefore;
        var calls = served + refused + counts.Sum();

        Report.Line("");
        Report.Line($"  {label}");
        Report.KeyValue("customer calls/s (refused)", $"{Report.Rate(served, elapsed)} ({refused})");
        Report.Table(latencies.Summaries());
        if (flood)
        {
            var total = counts.Sum();
            Report.KeyValue("forged calls/s", Report.Rate(total, elapsed));
            Report.KeyValue("  unauthenticated / limited / other", $"{counts[0]} / {counts[1]} / {counts[2]}");
        }

        Report.KeyValue("service CPU: share of one core / per call", $"{cpu / elapsed:P0} / {cpu.TotalMicroseconds / Math.Max(calls, 1):0} µs");
        Report.KeyValue("service log lines so far", service.OutputLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new PhaseResult(refused, counts[1]);
    }

    private static async Task AttackAsync(SpeedUpService.SpeedUpServiceClient forged, int[] counts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await forged.QueryStatusAsync(Query, cancellationToken: stop);
                Interlocked.Increment(ref counts[2]);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                Interlocked.Increment(ref counts[e.StatusCode switch { StatusCode.Unauthenticated => 0, StatusCode.ResourceExhausted => 1, _ => 2 }]);
            }
        }
    }

    private readonly record struct PhaseResult(int Refused, int AttackLimited);
}
