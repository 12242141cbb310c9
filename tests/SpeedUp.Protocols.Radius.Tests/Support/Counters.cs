using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace SpeedUp.Protocols.Radius.Tests.Support;

/// <summary>Reads the RADIUS counters of one test's meter factory.</summary>
internal sealed class Counters : IDisposable
{
    private readonly MetricCollector<long> _clientDropped;
    private readonly MetricCollector<long> _serverDropped;
    private readonly MetricCollector<long> _serverDuplicates;
    private readonly MetricCollector<long> _retransmissions;

    public Counters(TestMeterFactory meters)
    {
        _clientDropped = new MetricCollector<long>(meters, RadiusTelemetry.MeterName, RadiusTelemetry.ClientDropped);
        _serverDropped = new MetricCollector<long>(meters, RadiusTelemetry.MeterName, RadiusTelemetry.ServerDropped);
        _serverDuplicates = new MetricCollector<long>(meters, RadiusTelemetry.MeterName, RadiusTelemetry.ServerDuplicates);
        _retransmissions = new MetricCollector<long>(meters, RadiusTelemetry.MeterName, RadiusTelemetry.ClientRetransmissions);
    }

    public long ClientDropped(RadiusDropReason reason) => Sum(_clientDropped, RadiusTelemetry.ReasonTag, RadiusTelemetry.TagValue(reason));

    public long ServerDropped(RadiusDropReason reason) => Sum(_serverDropped, RadiusTelemetry.ReasonTag, RadiusTelemetry.TagValue(reason));

    public long ServerDuplicates(string outcome) => Sum(_serverDuplicates, RadiusTelemetry.OutcomeTag, outcome);

    public long Retransmissions => _retransmissions.GetMeasurementSnapshot().Sum(m => m.Value);

    private static long Sum(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    public void Dispose()
    {
        _clientDropped.Dispose();
        _serverDropped.Dispose();
        _serverDuplicates.Dispose();
        _retransmissions.Dispose();
    }
}
