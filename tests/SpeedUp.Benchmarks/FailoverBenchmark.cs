using System.Diagnostics;
using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "failover": the service with China Telecom on two channels to the same simulated BRAS (SSH CLI preferred,
/// SNMP backup; <see cref="ChannelSettings.TelecomWithSnmpBackup"/>). Part 1: start/stop cycles while the SSH side
/// drops 5 % of CLI commands (the session dies without an answer) — success rate and latency. Part 2: cycles running
/// when the SSH side goes dark — time from the channel's death to the first cycle, begun after it, that succeeds.
/// </summary>
internal sealed class FailoverBenchmark(CarrierSimulators networks, BenchmarkOptions options, TimeSpan phaseBudget)
{
    private const double DropRatio = 0.05;
    private const double SuccessGoal = 0.995;
    private const int Deaths = 5;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading("Scenario failover: Telecom over SSH CLI (preferred) + SNMP (backup), faults injected on the SSH side");
        var database = Path.Combine(Path.GetTempPath(), $"speedup-failover-{Guid.NewGuid():N}.db");
        var service = await ServiceProcess.StartAsync(networks, database, ChannelSettings.TelecomWithSnmpBackup(networks), cancellationToken);
        var ok = false;
        try
        {
            var lines = (await LineDiscovery.FindAsync(service.Client, networks, cancellationToken)).Where(l => l.Carrier == "Telecom").ToArray();
            var concurrency = options.Concurrency == 0 ? lines.Length : Math.Min(options.Concurrency, lines.Length);
            var chosen = lines.Take(concurrency).ToArray();
            foreach (var line in chosen)
            {
                // A start needs a usable order: one 30-day pack per line covers every cycle.
                await service.Client.OrderThirtyDayPackAsync(line.BandId, Broadband.SpeedUp.V1.Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            }

            ok = await UnderDropsAsync(service, chosen, cancellationToken);
            ok &= await ChannelDeathsAsync(service, chosen, cancellationToken);
            await PrintChannelsAsync(service, cancellationToken);
        }
        finally
        {
            networks.Telecom.Faults.Clear();
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
            await service.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }

        Report.Line("");
        return BaseRateCheck.Print("after failover, service stopped", networks) && ok;
    }

    private async Task<bool> UnderDropsAsync(ServiceProcess service, ServiceLine[] lines, CancellationToken cancellationToken)
    {
        Report.Line("");
        Report.Line($"Part 1: {lines.Length} lines cycling concurrently, {options.Iterations} cycles each, SSH CLI drops {DropRatio:P0} of commands (seeded)");
        networks.Telecom.Faults.Seed(20261123);
        networks.Telecom.Faults.CliDropRatio = DropRatio;
        var recorder = new LatencyRecorder();
        var failures = new FailureLog();
        var runner = new CycleRunner(service.Client, recorder, failures);
        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeCap.CancelAfter(phaseBudget);
        var cycles = 0;
        var okCycles = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(lines.Select(line => Task.Run(async () =>
        {
            for (var i = 0; i < options.Iterations && !timeCap.IsCancellationRequested; i++)
            {
                var success = await runner.RunAsync(line, cancellationToken);
                Interlocked.Increment(ref cycles);
                if (success)
                {
                    Interlocked.Increment(ref okCycles);
                }
            }
        }, cancellationToken)));
        watch.Stop();
        networks.Telecom.Faults.CliDropRatio = 0;

        var (_, succeededCalls) = recorder.CountAtLeast(0);
        var calls = succeededCalls + failures.Count;
        var callRate = calls == 0 ? 0 : (double)succeededCalls / calls;
        var cycleRate = cycles == 0 ? 0 : (double)okCycles / cycles;
        Report.KeyValue("cycles", $"{cycles} in {watch.Elapsed.TotalSeconds:0.0} s ({Report.Rate(cycles, watch.Elapsed)})");
        Report.KeyValue("call success rate", $"{callRate:P2} ({succeededCalls} of {calls}; goal >= {SuccessGoal:P1})");
        Report.KeyValue("cycle success rate", $"{cycleRate:P2} ({okCycles} of {cycles})");
        Report.Table(recorder.Summaries());
        failures.Print();
        return callRate >= SuccessGoal;
    }

    private async Task<bool> ChannelDeathsAsync(ServiceProcess service, ServiceLine[] lines, CancellationToken cancellationToken)
    {
        Report.Line("");
        Report.Line($"Part 2: {lines.Length} lines cycling; the SSH side goes dark {Deaths} times (comes back, circuit closes, again)");
        var samples = new List<double>();
        var failedDuring = 0;
        for (var death = 0; death < Deaths && !cancellationToken.IsCancellationRequested; death++)
        {
            var recorder = new LatencyRecorder();
            var failures = new FailureLog();
            var runner = new CycleRunner(service.Client, recorder, failures);
            var completions = new List<(long Began, long Ended, bool Ok)>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var cycling = Task.WhenAll(lines.Select(line => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var began = Stopwatch.GetTimestamp();
                    var success = await runner.RunAsync(line, cancellationToken);
                    lock (completions)
                    {
                        completions.Add((began, Stopwatch.GetTimestamp(), success));
                    }
                }
            }, cancellationToken)));

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            await networks.Telecom.SetSshDarkAsync(true, cancellationToken);
            var died = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await stop.CancelAsync();
            await cycling;

            var first = completions.Where(c => c.Ok && c.Began >= died).Select(c => c.Ended).DefaultIfEmpty(long.MaxValue).Min();
            var seconds = first == long.MaxValue ? double.PositiveInfinity : Stopwatch.GetElapsedTime(died, first).TotalMilliseconds;
            samples.Add(seconds);
            failedDuring += failures.Count;
            Report.KeyValue($"death {death + 1}: first good cycle after", $"{Report.Ms(seconds)} ms ({completions.Count(c => c.Began >= died)} cycles begun after, {failures.Count} failed calls)");
            failures.Print();

            await networks.Telecom.SetSshDarkAsync(false, cancellationToken);
            await WaitForClosedAsync(service, cancellationToken);
        }

        var worst = samples.DefaultIfEmpty(double.PositiveInfinity).Max();
        Report.KeyValue("time to backup (first good cycle)", $"median {Report.Ms(Median(samples))} ms, worst {Report.Ms(worst)} ms (goal < 1000 ms; a cycle = 4 calls)");
        Report.KeyValue("failed calls around the deaths", failedDuring.ToString(CultureInfo.InvariantCulture));
        return worst < 1000;
    }

    private static async Task WaitForClosedAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 20;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: cancellationToken);
            if (channels.Channels.All(c => c.Circuit == CircuitState.Closed && c.Health == Health.Healthy))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task PrintChannelsAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: cancellationToken);
        Report.Line("");
        Report.Line($"  {"channel",-16} {"health",-16} {"circuit",-22} {"calls",7} {"faults",7} {"failovers",9} {"opened",7}");
        foreach (var c in channels.Channels)
        {
            Report.Line($"  {c.Name,-16} {c.Health,-16} {c.Circuit,-22} {c.Counters.Calls,7} {c.Counters.ChannelFaults,7} {c.Counters.FailoversFrom,9} {c.Counters.CircuitOpened,7}");
        }
    }

    private static double Median(List<double> samples) =>
        samples.Count == 0 ? double.NaN : samples.Order().ElementAt(samples.Count / 2);
}
