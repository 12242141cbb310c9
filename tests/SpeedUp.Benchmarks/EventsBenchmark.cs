using System.Diagnostics;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "events": the service process (fresh SQLite file) with one client watching <c>WatchSessions</c> while C lines
/// cycle Start → Stop concurrently (each cycle commits ACTIVATED, RESTORING and ENDED). Measures events delivered per
/// second live and the delay from the state change (the event's occurred_at, the service's clock on this machine) to
/// the client holding it; then a second client catches up from the first token, measuring the replay rate.
/// </summary>
internal sealed class EventsBenchmark(CarrierSimulators networks, BenchmarkOptions options, TimeSpan phaseBudget)
{
    private const int EventsPerCycle = 3;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading("Scenario events: WatchSessions while lines cycle Precheck -> StartSpeedUp -> QueryStatus -> StopSpeedUp");
        var database = Path.Combine(Path.GetTempPath(), $"speedup-bench-{Guid.NewGuid():N}.db");
        var service = await ServiceProcess.StartAsync(networks, database, cancellationToken: cancellationToken);
        var ok = false;
        try
        {
            var lines = await LineDiscovery.FindAsync(service.Client, networks, cancellationToken);
            foreach (var line in lines)
            {
                await service.Client.OrderThirtyDayPackAsync(line.BandId, Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            }

            var count = options.Concurrency == 0 ? lines.Count : Math.Min(options.Concurrency, lines.Count);
            var chosen = lines.Take(count).ToArray();
            Report.KeyValue("load", $"{chosen.Length} lines x {options.Iterations} cycles, {EventsPerCycle} events per cycle, 1 watcher");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(phaseBudget + TimeSpan.FromSeconds(30));
            using var watch = service.Client.WatchSessions(new WatchSessionsRequest(), cancellationToken: stop.Token);
            Assert(await watch.ResponseStream.MoveNext(stop.Token), "the stream ended before its opening heartbeat");
            var firstToken = watch.ResponseStream.Current.ResumeToken;

            var failures = new FailureLog();
            var runner = new CycleRunner(service.Client, new LatencyRecorder(), failures);
            using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeCap.CancelAfter(phaseBudget);
            var cycles = 0;
            var clock = Stopwatch.StartNew();
            var producing = Task.WhenAll(chosen.Select(line => Task.Run(async () =>
            {
                for (var i = 0; i < options.Iterations && !timeCap.IsCancellationRequested; i++)
                {
                    await runner.RunAsync(line, cancellationToken);
                    Interlocked.Increment(ref cycles);
                }
            }, cancellationToken)));

            var delays = new LatencyRecorder();
            var received = 0;
            var lastEventAt = TimeSpan.Zero;
            while (!(producing.IsCompleted && received >= Volatile.Read(ref cycles) * EventsPerCycle))
            {
                Assert(await watch.ResponseStream.MoveNext(stop.Token), "the stream ended");
                var item = watch.ResponseStream.Current;
                if (item.Event is null)
                {
                    continue;
                }

                delays.Add("state change -> client", (DateTimeOffset.UtcNow - item.Event.OccurredAt.ToDateTimeOffset()).TotalMilliseconds);
                received++;
                lastEventAt = clock.Elapsed;
            }

            await producing;
            Report.KeyValue("live events/s", $"{Report.Rate(received, lastEventAt)} ({received} events, {cycles} cycles in {lastEventAt.TotalSeconds:0.00} s)");
            Report.Table(delays.Summaries());

            // Catch-up: a second client from the first token reads everything as fast as the service sends it.
            var replayed = 0;
            var replay = Stopwatch.StartNew();
            using (var again = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = firstToken }, cancellationToken: stop.Token))
            {
                while (replayed < received && await again.ResponseStream.MoveNext(stop.Token))
                {
                    replayed += again.ResponseStream.Current.Event is null ? 0 : 1;
                }
            }

            replay.Stop();
            Report.KeyValue("catch-up events/s", $"{Report.Rate(replayed, replay.Elapsed)} ({replayed} events in {replay.Elapsed.TotalSeconds:0.00} s)");
            failures.Print();
            ok = failures.Count == 0 && replayed == received && received == cycles * EventsPerCycle;
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
        return BaseRateCheck.Print("after events, service stopped", networks) && ok;
    }

    private static void Assert(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("events benchmark: " + what);
        }
    }
}
