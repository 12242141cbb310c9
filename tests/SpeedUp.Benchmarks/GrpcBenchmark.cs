using System.Diagnostics;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "grpc": the real service process (fresh SQLite file, default settings) driven over gRPC. Sequential
/// cycles on one Telecom and one Unicom line, then C distinct lines cycling concurrently.
/// </summary>
internal sealed class GrpcBenchmark(CarrierSimulators networks, BenchmarkOptions options, TimeSpan phaseBudget)
{
    /// <summary>Just under the 150 ms Microsoft.Data.Sqlite sleeps when SQLite answers busy.</summary>
    private const double SlowCallMs = 140;
    private const int WarmUpCycles = 30;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading("Scenario grpc: the service process over gRPC (Precheck -> StartSpeedUp DOWN -> QueryStatus -> StopSpeedUp)");
        var database = Path.Combine(Path.GetTempPath(), $"speedup-bench-{Guid.NewGuid():N}.db");
        var started = Stopwatch.GetTimestamp();
        var service = await ServiceProcess.StartAsync(networks, database, cancellationToken: cancellationToken);
        var ok = false;
        try
        {
            Report.KeyValue("host", RepositoryPaths.HostAssembly);
            Report.KeyValue("start to listening", $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (port {service.Port}, SQLite {database})");
            var lines = await LineDiscovery.FindAsync(service.Client, networks, cancellationToken);
            foreach (var line in lines) // a start needs an order: each line's 30-day pack pays for all its cycles
            {
                await service.Client.OrderThirtyDayPackAsync(line.BandId, Broadband.SpeedUp.V1.Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            }

            var failures = new FailureLog();
            foreach (var carrier in new[] { "Telecom", "Unicom" })
            {
                var line = lines.FirstOrDefault(l => l.Carrier == carrier)
                    ?? throw new InvalidOperationException($"No {carrier} line with a DOWN offer.");
                await SequentialAsync(service, line, failures, cancellationToken);
            }

            var concurrentOk = await ConcurrentAsync(service, lines, cancellationToken);
            Report.Line("");
            Report.KeyValue("service log lines read", service.OutputLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ok = failures.Count == 0 && concurrentOk;
        }
        finally
        {
            await service.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }

        Report.Line("");
        return BaseRateCheck.Print("after grpc, service stopped", networks) && ok;
    }

    private async Task SequentialAsync(ServiceProcess service, ServiceLine line, FailureLog failures, CancellationToken cancellationToken)
    {
        Report.Line("");
        Report.Line($"Sequential, {line}: 1 first cycle, {WarmUpCycles} warm-up cycles not counted, then {options.Iterations} cycles");
        var firstRecorder = new LatencyRecorder();
        var first = Stopwatch.GetTimestamp();
        await new CycleRunner(service.Client, firstRecorder, failures).RunAsync(line, cancellationToken);
        Report.KeyValue("first cycle (cold: channel connect)", $"{Stopwatch.GetElapsedTime(first).TotalMilliseconds:0.0} ms");
        Report.Table(firstRecorder.Summaries().Select(s => s with { Name = "first " + s.Name }));

        // Let the service's hot paths reach tier-1 JIT before measuring (tiered compilation promotes after ~30 calls).
        var warmUp = new CycleRunner(service.Client, new LatencyRecorder(), failures);
        for (var i = 0; i < WarmUpCycles; i++)
        {
            await warmUp.RunAsync(line, cancellationToken);
        }

        var recorder = new LatencyRecorder();
        var runner = new CycleRunner(service.Client, recorder, failures);
        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeCap.CancelAfter(phaseBudget);
        var cycles = 0;
        var watch = Stopwatch.StartNew();
        for (; cycles < options.Iterations && !timeCap.IsCancellationRequested; cycles++)
        {
            var cycleStarted = Stopwatch.GetTimestamp();
            await runner.RunAsync(line, cancellationToken);
            recorder.Add("cycle (4 calls)", Stopwatch.GetElapsedTime(cycleStarted).TotalMilliseconds);
        }

        watch.Stop();
        Report.KeyValue("cycles/s", $"{Report.Rate(cycles, watch.Elapsed)} ({cycles} cycles in {watch.Elapsed.TotalSeconds:0.00} s{(timeCap.IsCancellationRequested ? ", time cap reached" : "")})");
        Report.Table(recorder.Summaries());
        failures.Print();
    }

    private async Task<bool> ConcurrentAsync(ServiceProcess service, IReadOnlyList<ServiceLine> lines, CancellationToken cancellationToken)
    {
        var count = options.Concurrency == 0 ? lines.Count : Math.Min(options.Concurrency, lines.Count);
        // Interleave the carriers so that a small C still exercises both channels.
        var chosen = lines.Where(l => l.Carrier == "Telecom").Select((l, i) => (l, i))
            .Concat(lines.Where(l => l.Carrier == "Unicom").Select((l, i) => (l, i)))
            .OrderBy(p => p.i).Select(p => p.l).Take(count).ToArray();
        Report.Line("");
        Report.Line($"Concurrent: {chosen.Length} distinct lines (Telecom {chosen.Count(l => l.Carrier == "Telecom")}, Unicom {chosen.Count(l => l.Carrier == "Unicom")}), {options.Iterations} cycles each"
            + (options.Concurrency > lines.Count ? $" (asked {options.Concurrency}, only {lines.Count} eligible lines)" : ""));
        var recorder = new LatencyRecorder();
        var failures = new FailureLog();
        var runner = new CycleRunner(service.Client, recorder, failures);
        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeCap.CancelAfter(phaseBudget);
        var perCarrier = new int[2];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(chosen.Select(line => Task.Run(async () =>
        {
            for (var i = 0; i < options.Iterations && !timeCap.IsCancellationRequested; i++)
            {
                await runner.RunAsync(line, cancellationToken);
                Interlocked.Increment(ref perCarrier[line.Carrier == "Telecom" ? 0 : 1]);
            }
        }, cancellationToken)));
        watch.Stop();
        var total = perCarrier[0] + perCarrier[1];
        Report.KeyValue("total cycles/s", $"{Report.Rate(total, watch.Elapsed)} ({total} cycles in {watch.Elapsed.TotalSeconds:0.00} s{(timeCap.IsCancellationRequested ? ", time cap reached" : "")})");
        Report.KeyValue("  Telecom / Unicom cycles/s", $"{Report.Rate(perCarrier[0], watch.Elapsed)} / {Report.Rate(perCarrier[1], watch.Elapsed)}");
        Report.Table(recorder.Summaries());
        var (slow, calls) = recorder.CountAtLeast(SlowCallMs);
        Report.KeyValue($"calls taking >= {SlowCallMs:0} ms", $"{slow} of {calls}");
        failures.Print();
        return failures.Count == 0;
    }
}
