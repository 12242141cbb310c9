using System.Diagnostics.Metrics;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>The counters of <see cref="RadiusTelemetry"/>; owns its meter when no factory was given.</summary>
internal sealed class RadiusMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _clientDropped;
    private readonly Counter<long> _clientRetransmissions;
    private readonly Counter<long> _serverDropped;
    private readonly Counter<long> _serverDuplicates;

    public RadiusMetrics(IMeterFactory? factory)
    {
        Meter meter;
        if (factory is null)
        {
            meter = _ownedMeter = new Meter(RadiusTelemetry.MeterName);
        }
        else
        {
            meter = factory.Create(RadiusTelemetry.MeterName);
        }

        _clientDropped = meter.CreateCounter<long>(RadiusTelemetry.ClientDropped, "{packet}", "Responses the RADIUS client dropped, by reason.");
        _clientRetransmissions = meter.CreateCounter<long>(
            RadiusTelemetry.ClientRetransmissions, "{packet}", "Requests the RADIUS client sent again after a timeout.");
        _serverDropped = meter.CreateCounter<long>(RadiusTelemetry.ServerDropped, "{packet}", "Requests the RADIUS server dropped, by reason.");
        _serverDuplicates = meter.CreateCounter<long>(
            RadiusTelemetry.ServerDuplicates, "{packet}", "Duplicate requests the RADIUS server did not act on again, by outcome.");
    }

    public void ClientDropped(RadiusDropReason reason) =>
        _clientDropped.Add(1, new KeyValuePair<string, object?>(RadiusTelemetry.ReasonTag, RadiusTelemetry.TagValue(reason)));

    public void ClientRetransmitted() => _clientRetransmissions.Add(1);

    public void ServerDropped(RadiusDropReason reason) =>
        _serverDropped.Add(1, new KeyValuePair<string, object?>(RadiusTelemetry.ReasonTag, RadiusTelemetry.TagValue(reason)));

    public void ServerDuplicate(bool resent) =>
        _serverDuplicates.Add(1, new KeyValuePair<string, object?>(RadiusTelemetry.OutcomeTag, resent ? "resent" : "in_progress"));

    public void Dispose() => _ownedMeter?.Dispose();
}
