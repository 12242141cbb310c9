namespace SpeedUp.Benchmarks;

/// <summary>Summary of one series of latencies, in milliseconds.</summary>
internal sealed record LatencyStats(string Name, int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencyStats From(string name, IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            return new LatencyStats(name, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new LatencyStats(name, sorted.Length, sorted.Average(), Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Rank(double[] sorted, double quantile)
    {
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
