namespace SpeedUp.Benchmarks.Cli;

/// <summary>One client mode of the cli scenario: operations done, wall time, per-operation latency, errors.</summary>
internal sealed record CliModeResult(string Name, int Operations, TimeSpan Elapsed, LatencyStats Latency, int Errors)
{
    public double OpsPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Operations / Elapsed.TotalSeconds;
}
