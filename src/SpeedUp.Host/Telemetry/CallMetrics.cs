using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// Every gRPC call with its outcome (meter <c>SpeedUp.Host</c>): <c>rpc.server.call.duration</c> by service, method,
/// gRPC status and product code (<c>OK</c> on success); its count is the number of calls.
/// </summary>
public sealed class CallMetrics
{
    /// <summary>Tag carrying the product code (<c>OK</c>, <c>isv.INVALID_PARAMETERS</c>, …).</summary>
    public const string ProductCodeTag = "speedup.product_code";

    private readonly Histogram<double> _duration;

    /// <summary>Creates the instrument on a meter of <paramref name="meters"/>.</summary>
    public CallMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _duration = meters.Create(SpeedUpMeters.Host).CreateHistogram("rpc.server.call.duration", "s",
            "Duration of gRPC calls handled, by method, gRPC status and product code.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
    }

    /// <summary>Records one call of <paramref name="fullMethod"/> (<c>/package.Service/Method</c>).</summary>
    public void Record(string fullMethod, StatusCode status, string productCode, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(fullMethod);
        var slash = fullMethod.LastIndexOf('/');
        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.service", slash > 0 ? fullMethod[1..slash] : "" },
            { "rpc.method", slash >= 0 ? fullMethod[(slash + 1)..] : fullMethod },
            { "rpc.grpc.status_code", (int)status },
            { ProductCodeTag, productCode },
        };
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
