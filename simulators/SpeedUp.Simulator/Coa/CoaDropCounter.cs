using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Simulator;

/// <summary>
/// Counts the requests the CoA face's <see cref="RadiusServer"/> dropped silently (unknown client, malformed, bad
/// authenticator or secret, missing Message-Authenticator), by its <see cref="RadiusTelemetry.ReasonTag"/>: the face's
/// server reports them on a meter this class hands it and listens to.
/// </summary>
internal sealed class CoaDropCounter : IMeterFactory
{
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();

    public CoaDropCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == RadiusTelemetry.ServerDropped && _meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Every request dropped so far.</summary>
    public long Total => _byReason.Values.Sum();

    /// <summary>Requests dropped so far, by reason (<c>bad_authenticator</c>, <c>unknown_client</c>, …).</summary>
    public IReadOnlyDictionary<string, long> ByReason => new Dictionary<string, long>(_byReason, StringComparer.Ordinal);

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
            _meters.Clear();
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var reason = "unknown";
        foreach (var tag in tags)
        {
            if (tag.Key == RadiusTelemetry.ReasonTag && tag.Value is string text)
            {
                reason = text;
            }
        }

        _byReason.AddOrUpdate(reason, value, (_, total) => total + value);
    }
}
