using System.Globalization;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Simulator;

/// <summary>
/// What the CoA face does with an authenticated request (RFC 5176 §3): records it, applies the faults, then checks the
/// attributes (unsupported → NAK 401; no identification → 402; malformed identification → 404; no such session, or a <see cref="SimulatorFaults.VanishedAccount"/> → 503;
/// an address shared by several sessions → 508; a malformed or out-of-capability rate → 407) and changes the line on
/// the shared <see cref="BrasState"/> (audited, face <see cref="CommandFace.Coa"/>). A CoA-Request sets the rates it
/// carries; a Disconnect-Request ends the session, which puts the line back to its plan rates, as the subscriber's
/// redial would. With <see cref="SimulatorFaults.CoaAnswersLost"/> the request is acted on and the answer lost; a
/// retransmission of a request already acted on is a duplicate (RFC 5176 §2.3), answered by nobody and not acted on again.
/// </summary>
internal sealed class CoaRequestHandler(BrasState state, SimulatorFaults faults, ReceivedLog received, RadiusDictionary dictionary)
{
    private static readonly byte[] Passive =
    [
        RadiusAttributeTypes.NasIpAddress, RadiusAttributeTypes.NasIdentifier, RadiusAttributeTypes.EventTimestamp,
        RadiusAttributeTypes.MessageAuthenticator,
    ];

    private const int MaxLostAnswers = 4096;

    private readonly Dictionary<(uint VendorId, uint Code), CoaRateAttribute> _rates = ResolveRates(dictionary);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _lostAnswers = new(StringComparer.Ordinal);

    public async ValueTask<RadiusReply> HandleAsync(RadiusRequestContext request, CancellationToken cancellationToken)
    {
        var packet = request.Packet;
        var text = RadiusRequestText.Format(packet.Code, packet.Attributes, dictionary);
        received.RecordCoaRequest(text, string.Create(CultureInfo.InvariantCulture, $"from {request.Source} id {packet.Identifier}"));
        if (faults.ShouldDropCoaRequest())
        {
            return RadiusReply.Drop;
        }

        if (faults.CoaLatency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
            if (faults.CoaDark)
            {
                return RadiusReply.Drop;
            }
        }

        if (!faults.CoaAnswersLost)
        {
            return Act(packet, text);
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{request.Source}/{packet.Identifier}/{Convert.ToHexString(packet.Authenticator.Span)}");
        if (_lostAnswers.Count >= MaxLostAnswers)
        {
            _lostAnswers.Clear();
        }

        if (!_lostAnswers.TryAdd(key, true))
        {
            return RadiusReply.Drop; // a retransmission of a request already acted on
        }

        Act(packet, text);
        return RadiusReply.Drop;
    }

    private RadiusReply Act(RadiusPacket packet, string text)
    {
        if (faults.CoaNakStorm)
        {
            return Refuse(text, RadiusErrorCause.ResourcesUnavailable, "NAK storm");
        }

        var disconnect = packet.Code == RadiusCode.DisconnectRequest;
        if (packet.Attributes.FirstOrDefault(a => !IsKnown(a, allowRates: !disconnect)) is not null)
        {
            return Refuse(text, RadiusErrorCause.UnsupportedAttribute, "unsupported attribute");
        }

        var (line, error) = CoaSessionLookup.Find(packet, state);
        if (line is not null && faults.HasVanished(line.Account))
        {
            (line, error) = (null, RadiusErrorCause.SessionContextNotFound); // the subscriber went offline: no session now
        }

        if (line is null)
        {
            var cause = error ?? RadiusErrorCause.SessionContextNotFound;
            return Refuse(text, cause, cause == RadiusErrorCause.SessionContextNotFound ? "session context not found" : "session identification " + cause);
        }

        return disconnect ? Disconnect(line, text) : Change(packet, line, text);
    }

    private RadiusReply Change(RadiusPacket packet, SubscriberLineState line, string text)
    {
        var changes = new List<RateChange>();
        foreach (var attribute in packet.Attributes.Where(a => a.IsVendorAttribute))
        {
            var rate = _rates[(attribute.VendorId, attribute.VendorType)];
            if (!attribute.TryGetUInt32(out var value) || value % rate.UnitsPerKbps != 0)
            {
                return Refuse(text, RadiusErrorCause.InvalidAttributeValue, rate.Name + " is not a whole kbit/s");
            }

            changes.Add(new RateChange(line.BandId, rate.Direction, value / rate.UnitsPerKbps));
        }

        if (changes.Count == 0)
        {
            return Refuse(text, RadiusErrorCause.MissingAttribute, "no rate attribute");
        }

        var result = state.SetRates(changes, CommandFace.Coa, text);
        return result.Status switch
        {
            RateChangeStatus.Applied => RadiusReply.Ack(),
            RateChangeStatus.UnknownLine => RadiusReply.Nak(RadiusErrorCause.SessionContextNotFound),
            _ => RadiusReply.Nak(RadiusErrorCause.InvalidAttributeValue),
        };
    }

    private RadiusReply Disconnect(SubscriberLineState line, string text)
    {
        state.SetRates(
            [new RateChange(line.BandId, RateDirection.Up, line.BaseUpKbps), new RateChange(line.BandId, RateDirection.Down, line.BaseDownKbps)],
            CommandFace.Coa, text);
        return RadiusReply.Ack();
    }

    private RadiusReply Refuse(string text, RadiusErrorCause cause, string reason)
    {
        state.RecordRejected(CommandFace.Coa, text, reason);
        return RadiusReply.Nak(cause);
    }

    private bool IsKnown(RadiusAttribute attribute, bool allowRates) =>
        attribute.IsVendorAttribute
            ? allowRates && _rates.ContainsKey((attribute.VendorId, attribute.VendorType))
            : CoaSessionLookup.IsIdentification(attribute) || Passive.Any(attribute.Is);

    private static Dictionary<(uint, uint), CoaRateAttribute> ResolveRates(RadiusDictionary dictionary)
    {
        var rates = new Dictionary<(uint, uint), CoaRateAttribute>();
        foreach (var rate in CoaRateAttribute.Known)
        {
            if (dictionary.TryGetAttribute(rate.Name, out var definition) && definition!.IsVendorAttribute)
            {
                rates[(definition.VendorId, definition.Code)] = rate;
            }
        }

        return rates;
    }
}
