using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpeedUp.Host.Telemetry;

namespace SpeedUp.Host.Webhooks;

/// <summary>
/// Webhook deliveries (meter <c>SpeedUp.Host</c>): <c>speedup.webhook.attempts</c> by outcome (<c>delivered</c>,
/// <c>retried</c>, <c>dead_lettered</c>) and <c>speedup.webhook.delivery.delay</c>, the time from the state change to
/// the sink's 2xx. No sink id or URL in tags.
/// </summary>
public sealed class WebhookMetrics
{
    /// <summary>Tag naming the outcome.</summary>
    public const string OutcomeTag = "speedup.webhook.outcome";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _delay;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(SpeedUpMeters.Host);
        _attempts = meter.CreateCounter<long>("speedup.webhook.attempts", "{attempt}", "Webhook delivery attempts, by outcome.");
        _delay = meter.CreateHistogram<double>("speedup.webhook.delivery.delay", "s", "From a session's state change to its webhook's 2xx.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600] });
    }

    /// <summary>A delivery the sink took, <paramref name="delay"/> after its event occurred.</summary>
    public void Delivered(TimeSpan delay)
    {
        _attempts.Add(1, new TagList { { OutcomeTag, "delivered" } });
        _delay.Record(Math.Max(delay.TotalSeconds, 0));
    }

    /// <summary>A failed attempt that will be retried.</summary>
    public void Retried() => _attempts.Add(1, new TagList { { OutcomeTag, "retried" } });

    /// <summary>A delivery given up.</summary>
    public void DeadLettered() => _attempts.Add(1, new TagList { { OutcomeTag, "dead_lettered" } });
}
