using System.Diagnostics;

namespace SpeedUp.Benchmarks.Snmp;

/// <summary>One measured phase: how many round trips completed, in how long, their latencies, and CPU used.</summary>
/// <remarks>CPU shares are of one core (2 cores = 200%); <c>OthersCpu</c> is what the rest of the machine (other
/// sessions' builds and tests) used meanwhile, from /proc/stat, to tell a quiet measurement from a disturbed one.</remarks>
internal sealed record SnmpLoadResult(
    string Name, int InFlight, int Count, int Errors, TimeSpan Elapsed, LatencyStats Latency, double ProcessCpu, double? PeerCpu, double? OthersCpu)
{
    public double PerSecond => Elapsed <= TimeSpan.Zero ? 0 : Count / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed-loop load: <c>inFlight</c> workers each await one operation after another until the phase ends.
/// Bounded in time (warm-up + duration) and in count (<see cref="MaxPerWorker"/>).
/// </summary>
internal static class SnmpLoad
{
    public const int MaxPerWorker = 2_000_000;

    public static async Task<SnmpLoadResult> RunAsync(
        string name, int inFlight, TimeSpan warmUp, TimeSpan duration, Func<CancellationToken, Task> operation, int? peerPid, CancellationToken cancellationToken)
    {
        await RunWorkersAsync(inFlight, warmUp, operation, record: false, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var peerBefore = peerPid is { } pid ? ProcessCpu.Seconds(pid) : null;
        var machineBefore = ProcessCpu.MachineBusySeconds();
        var started = Stopwatch.GetTimestamp();
        var workers = await RunWorkersAsync(inFlight, duration, operation, record: true, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / elapsed.TotalSeconds;
        double? peerCpu = peerPid is { } p && peerBefore is { } before && ProcessCpu.Seconds(p) is { } after
            ? (after - before) / elapsed.TotalSeconds
            : null;
        double? othersCpu = machineBefore is { } m0 && ProcessCpu.MachineBusySeconds() is { } m1
            ? Math.Max(0, ((m1 - m0) / elapsed.TotalSeconds) - cpu - (peerCpu ?? 0))
            : null;
        var samples = workers.SelectMany(w => w.Samples).ToArray();
        return new SnmpLoadResult(name, inFlight, samples.Length, workers.Sum(w => w.Errors), elapsed, LatencyStats.From(name, samples), cpu, peerCpu, othersCpu);
    }

    private static async Task<(List<double> Samples, int Errors)[]> RunWorkersAsync(
        int inFlight, TimeSpan duration, Func<CancellationToken, Task> operation, bool record, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var samples = new List<double>(record ? 4096 : 0);
            var errors = 0;
            for (var i = 0; i < MaxPerWorker && Stopwatch.GetTimestamp() < deadline; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(cancellationToken);
                    if (record)
                    {
                        samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                catch (SpeedUp.Protocols.Snmp.SnmpException)
                {
                    errors++;
                }
            }

            return (samples, errors);
        }, cancellationToken));
        return await Task.WhenAll(workers);
    }
}

/// <summary>CPU seconds (user + system) a process has used so far, from /proc/PID/stat.</summary>
internal static class ProcessCpu
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds all cores have been busy (everything but idle and iowait), from the "cpu" line of /proc/stat.</summary>
    public static double? MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return (ticks.Sum() - ticks[3] - ticks[4]) / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
