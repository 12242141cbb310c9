using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpeedUp.Host.Telemetry;

/// <summary>Journal writes (meter <c>SpeedUp.Storage</c>): <c>speedup.journal.write.duration</c> by operation and store.</summary>
public sealed class StorageMetrics
{
    private readonly Histogram<double> _writes;

    /// <summary>Creates the instrument on a meter of <paramref name="meters"/>.</summary>
    public StorageMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _writes = meters.Create(SpeedUpMeters.Storage).CreateHistogram("speedup.journal.write.duration", "s",
            "Duration of one session journal write (insert or update), failures included (tagged error.type).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });
    }

    /// <summary>Records one write; <paramref name="errorType"/> is null on success.</summary>
    public void Write(string store, string operation, TimeSpan elapsed, string? errorType)
    {
        var tags = new TagList { { "db.system.name", store }, { "speedup.journal.operation", operation } };
        if (errorType is not null)
        {
            tags.Add(Core.Telemetry.MetricTags.ErrorType, errorType);
        }

        _writes.Record(elapsed.TotalSeconds, tags);
    }
}
