using System.Diagnostics;
using System.Globalization;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks.Cli;

/// <summary>
/// Scenario "cli": one simulated Telecom BRAS behind real sshd. An operation = read a line's downstream rate,
/// set it (alternately to half its base and back), read it back. Compared: our pooled driver (sequential, and 8
/// operations in flight on 8 lines with MaxSessions 8), Netmiko connect-per-operation, and SSH.NET
/// connect-per-operation (a new driver, hence a new SshClient, per operation).
/// </summary>
internal sealed class CliBenchmark(CarrierSimulators networks, int iterations, TimeSpan budget)
{
    private const int InFlight = 8;
    private const int NetmikoOperations = 20;
    private const int NetmikoDefaultOperations = 5;
    private const int ConnectPerOpOperations = 40;
    private const int WarmUp = 10;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var operations = Math.Max(iterations, 500);
        var telecom = networks.Telecom;
        var lines = telecom.State.Lines.Where(l => l.BaseDownKbps >= 128).Take(InFlight).ToArray();
        Report.Heading($"Scenario cli: SSH CLI clients against one simulated Huawei BRAS (sshd 127.0.0.1:{telecom.SshPort}); operation = read + set + read back");
        var results = new List<CliModeResult>();
        var factory = new HuaweiCliDriverFactory();

        await using (var pooled = (HuaweiCliDriver)factory.Create(Channel(telecom, InFlight)))
        {
            for (var i = 0; i < WarmUp; i++)
            {
                await OperationAsync(pooled, lines[0], i, cancellationToken);
            }

            results.Add(await TimedAsync("ours, pooled, sequential", operations, 1, lines, () => pooled, false, cancellationToken));
            // Open the pool's other sessions before timing, as the warm-up above did for the sequential phase: a cold pool
            // would charge each worker's first operation with an SSH login (see docs/benchmarks.md, "The 8-in-flight tail").
            var warming = Stopwatch.GetTimestamp();
            var warmed = await pooled.Sessions.WarmUpAsync(InFlight, cancellationToken);
            Report.KeyValue("pool warm-up before 8 in flight", $"{warmed} sessions opened at once in {Stopwatch.GetElapsedTime(warming).TotalMilliseconds:0} ms");
            var peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = SamplePeakAsync(telecom, value => peak = Math.Max(peak, value), sampling.Token);
            results.Add(await TimedAsync($"ours, pooled, {InFlight} in flight", operations, InFlight, lines, () => pooled, false, cancellationToken));
            await sampling.CancelAsync();
            await sampler;
            Report.KeyValue("pool: sessions opened / reconnects", $"{pooled.Sessions.Opened} / {pooled.Sessions.Reconnects}");
            Report.KeyValue("device: peak concurrent CLI sessions", $"{peak} (MaxSessions {InFlight})");
        }

        // Netmiko's defaults sleep seconds per call (about 16 s per operation here), so only a few; fast_cli=True is
        // its quick setting and the reference of the ratio (the comparison least favourable to us).
        var slow = await NetmikoRunner.RunAsync(telecom, lines[0], lines[0].BaseDownKbps / 2, NetmikoDefaultOperations, fastCli: false, cancellationToken);
        var netmiko = await NetmikoRunner.RunAsync(telecom, lines[0], lines[0].BaseDownKbps / 2, NetmikoOperations, fastCli: true, cancellationToken);
        results.AddRange(new[] { slow, netmiko }.OfType<CliModeResult>());

        results.Add(await ConnectPerOperationAsync(factory, telecom, lines[0], cancellationToken));
        await RestoreAsync(factory, telecom, lines, cancellationToken);
        Print(results, netmiko);
        return results.All(r => r.Errors == 0) && BaseRateCheck.Print("after cli", networks);
    }

    private static DeviceOptions Channel(BrasSimulator telecom, int maxSessions) => new()
    {
        Name = "bench-ct-cli",
        Host = "127.0.0.1",
        Port = telecom.SshPort,
        Username = telecom.SshUser,
        Secret = telecom.SshPassword,
        HostKeySha256 = telecom.SshHostKeySha256,
        OperationTimeout = TimeSpan.FromSeconds(10),
        MaxSessions = maxSessions,
    };

    /// <summary>Runs <paramref name="total"/> operations split over <paramref name="workers"/> workers, worker w on line w.</summary>
    private async Task<CliModeResult> TimedAsync(
        string name, int total, int workers, SubscriberLineState[] lines, Func<ISubscriberLineDriver> driverOf, bool disposeAfter, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(budget);
        var errors = 0;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var line = lines[w % lines.Length];
            for (var i = 0; i < total / workers && !cap.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var driver = driverOf();
                    try
                    {
                        await OperationAsync(driver, line, i, cancellationToken);
                    }
                    finally
                    {
                        if (disposeAfter && driver is IAsyncDisposable disposable)
                        {
                            await disposable.DisposeAsync();
                        }
                    }

                    recorder.Add(name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref done);
                }
                catch (DriverException exception)
                {
                    Interlocked.Increment(ref errors);
                    Report.Line($"    {name}: {exception.Failure} {exception.Message}");
                }
            }
        }, cancellationToken)));
        watch.Stop();
        return new CliModeResult(name, done, watch.Elapsed, recorder.Summaries().Single(), errors);
    }

    private async Task<CliModeResult> ConnectPerOperationAsync(HuaweiCliDriverFactory factory, BrasSimulator telecom, SubscriberLineState line, CancellationToken cancellationToken) =>
        await TimedAsync(
            "SSH.NET, connect per op",
            ConnectPerOpOperations,
            1,
            [line],
            () => factory.Create(Channel(telecom, 1)),
            true,
            cancellationToken);

    /// <summary>Read, set to half the base (even i) or back to the base (odd i), confirmed by the driver's read-back.</summary>
    private static async Task OperationAsync(ISubscriberLineDriver driver, SubscriberLineState line, int i, CancellationToken cancellationToken)
    {
        var reference = new LineReference(line.BandId, line.Account);
        await driver.ReadLineAsync(reference, cancellationToken);
        var rate = i % 2 == 0 ? line.BaseDownKbps / 2 : line.BaseDownKbps;
        var after = await driver.SetRateAsync(reference, Direction.Down, rate, cancellationToken);
        if (after.DownKbps != rate)
        {
            throw new DriverException(DriverFailure.NotConfirmed, $"band {line.BandId} reads back {after.DownKbps}, expected {rate}");
        }
    }

    private static async Task RestoreAsync(HuaweiCliDriverFactory factory, BrasSimulator telecom, SubscriberLineState[] lines, CancellationToken cancellationToken)
    {
        await using var driver = (HuaweiCliDriver)factory.Create(Channel(telecom, 2));
        foreach (var line in lines.Where(l => !l.AtBaseRates))
        {
            await driver.SetRateAsync(new LineReference(line.BandId, line.Account), Direction.Down, line.BaseDownKbps, cancellationToken);
        }
    }

    private static async Task SamplePeakAsync(BrasSimulator telecom, Action<int> observe, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            observe(telecom.ActiveCliSessions);
            await Task.Delay(5, CancellationToken.None);
        }
    }

    private static void Print(IReadOnlyList<CliModeResult> results, CliModeResult? netmiko)
    {
        Report.Line("");
        Report.Line($"  {"client",-32} {"ops",6} {"ops/s",9} {"p50 ms",9} {"p99 ms",9} {"max ms",9} {"errors",6} {"x fast_cli",10}");
        foreach (var r in results)
        {
            var ratio = netmiko is { OpsPerSecond: > 0 } ? (r.OpsPerSecond / netmiko.OpsPerSecond).ToString("0.0", CultureInfo.InvariantCulture) + "x" : "-";
            Report.Line($"  {r.Name,-32} {r.Operations,6} {r.OpsPerSecond,9:0.0} {Report.Ms(r.Latency.P50),9} {Report.Ms(r.Latency.P99),9} {Report.Ms(r.Latency.Max),9} {r.Errors,6} {ratio,10}");
        }
    }
}
