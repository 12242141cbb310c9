using System.Diagnostics;
using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "webhooks": the real service process (fresh SQLite file, webhooks allowed to 127.0.0.1 over http) with
/// sinks on local receivers (<see cref="WebhookReceiver"/>: signature check, de-duplication by id). Concurrent speed-up
/// cycles on every eligible line make the events (Activated, Restoring, Ended per cycle); the receivers measure
/// deliveries per second and the delay from each state change (the CloudEvent's <c>time</c>) to its arrival. Run with
/// one sink, then with ten sinks of the same customer (ten deliveries per event).
/// </summary>
internal sealed class WebhookBenchmark(CarrierSimulators networks, BenchmarkOptions options, TimeSpan phaseBudget)
{
    private static readonly TimeSpan DrainBudget = TimeSpan.FromSeconds(60);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading("Scenario webhooks: session events POSTed to local receivers (CloudEvents, signed)");
        var database = Path.Combine(Path.GetTempPath(), $"speedup-bench-hooks-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string>
        {
            ["SpeedUp:Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["SpeedUp:Webhooks:AllowHttp"] = "true",
        };
        var service = await ServiceProcess.StartAsync(networks, database, settings, cancellationToken);
        var ok = true;
        try
        {
            var lines = await LineDiscovery.FindAsync(service.Client, networks, cancellationToken);
            foreach (var line in lines)
            {
                await service.Client.OrderThirtyDayPackAsync(line.BandId, Broadband.SpeedUp.V1.Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            }

            foreach (var sinks in new[] { 1, 10 })
            {
                ok &= await PhaseAsync(service, lines, sinks, cancellationToken);
            }
        }
        finally
        {
            await service.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm", database + ".master.key" })
            {
                File.Delete(file);
            }
        }

        Report.Line("");
        return BaseRateCheck.Print("after webhooks, service stopped", networks) && ok;
    }

    private async Task<bool> PhaseAsync(ServiceProcess service, IReadOnlyList<ServiceLine> lines, int sinkCount, CancellationToken cancellationToken)
    {
        var receivers = new List<(WebhookReceiver Receiver, string SinkId)>();
        try
        {
            for (var i = 0; i < sinkCount; i++)
            {
                var receiver = WebhookReceiver.Start();
                var created = await service.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "demo", Url = receiver.Url }, cancellationToken: cancellationToken);
                receiver.Secret = created.Secret;
                receivers.Add((receiver, created.Sink.SinkId));
            }

            var cycles = Math.Min(options.Iterations, 20);
            Report.Line("");
            Report.Line($"{sinkCount} sink(s); {lines.Count} lines cycling concurrently, {cycles} cycles each (3 events per cycle), then the deliveries drain");
            var failures = new FailureLog();
            var runner = new CycleRunner(service.Client, new LatencyRecorder(), failures);
            using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeCap.CancelAfter(phaseBudget);
            var made = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(lines.Select(line => Task.Run(async () =>
            {
                for (var i = 0; i < cycles && !timeCap.IsCancellationRequested; i++)
                {
                    await runner.RunAsync(line, cancellationToken);
                    Interlocked.Increment(ref made);
                }
            }, cancellationToken)));
            var cyclesTook = watch.Elapsed;
            var expected = made * 3;

            // Drain: every receiver has every event (bounded).
            while (receivers.Any(r => r.Receiver.Accepted.Count < expected) && watch.Elapsed < cyclesTook + DrainBudget)
            {
                await Task.Delay(20, cancellationToken);
            }

            var accepted = receivers.SelectMany(r => r.Receiver.Accepted.Values).ToList();
            var requests = receivers.Sum(r => r.Receiver.Received.Count);
            var forged = receivers.Sum(r => r.Receiver.Received.Count(x => x.Check != WebhookSignatureCheck.Valid));
            var delays = accepted.Select(a => (a.ReceivedAt - DateTimeOffset.Parse(a.Event.GetProperty("time").GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds).ToList();
            var firstEvent = accepted.Min(a => DateTimeOffset.Parse(a.Event.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
            var lastArrival = accepted.Max(a => a.ReceivedAt);
            Report.KeyValue("cycles / events made", $"{made} / {expected} in {cyclesTook.TotalSeconds:0.00} s ({Report.Rate(expected, cyclesTook)} events){(timeCap.IsCancellationRequested ? ", time cap reached" : "")}");
            Report.KeyValue("deliveries accepted (distinct per sink)", $"{accepted.Count} of {expected * sinkCount} ({requests} requests, {forged} failing the signature check)");
            Report.KeyValue("webhook deliveries/s", $"{Report.Rate(accepted.Count, lastArrival - firstEvent)} (first state change to last arrival: {(lastArrival - firstEvent).TotalSeconds:0.00} s)");
            Report.Table([LatencyStats.From("state change -> delivery", delays)]);
            failures.Print();
            return failures.Count == 0 && accepted.Count == expected * sinkCount && forged == 0;
        }
        finally
        {
            foreach (var (receiver, sinkId) in receivers)
            {
                await service.Webhooks.DeleteWebhookSinkAsync(new WebhookSinkRef { SinkId = sinkId }, cancellationToken: CancellationToken.None);
                await receiver.DisposeAsync();
            }
        }
    }
}
