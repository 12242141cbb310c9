using System.Globalization;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Simulator;

/// <summary>
/// Finds the session a CoA or Disconnect request names (RFC 5176 §3): by User-Name (the line's account),
/// Framed-IP-Address (the line's public address; a CGNAT address shared by several lines selects several) or
/// Acct-Session-Id (the simulator's session id: the band id in decimal). Every identification attribute given must
/// select the same line.
/// </summary>
internal static class CoaSessionLookup
{
    /// <summary>The identification attributes the face understands.</summary>
    public static bool IsIdentification(RadiusAttribute attribute) =>
        attribute.Is(RadiusAttributeTypes.UserName) || attribute.Is(RadiusAttributeTypes.FramedIpAddress) || attribute.Is(RadiusAttributeTypes.AcctSessionId);

    /// <summary>The one line all identification attributes select, or the Error-Cause to NAK with.</summary>
    public static (SubscriberLineState? Line, RadiusErrorCause? Error) Find(RadiusPacket request, BrasState state)
    {
        var identifiers = request.Attributes.Where(IsIdentification).ToList();
        if (identifiers.Count == 0)
        {
            return (null, RadiusErrorCause.MissingAttribute);
        }

        SubscriberLineState? found = null;
        foreach (var attribute in identifiers)
        {
            var (line, error) = Select(attribute, state);
            if (error is not null)
            {
                return (null, error);
            }

            if (line is null || (found is not null && found.BandId != line.BandId))
            {
                return (null, RadiusErrorCause.SessionContextNotFound);
            }

            found = line;
        }

        return (found, null);
    }

    private static (SubscriberLineState? Line, RadiusErrorCause? Error) Select(RadiusAttribute attribute, BrasState state)
    {
        if (attribute.Is(RadiusAttributeTypes.FramedIpAddress))
        {
            if (!RadiusValue.TryReadIpAddress(attribute.Value.Span, out var address) || address!.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return (null, RadiusErrorCause.InvalidRequest);
            }

            var lines = state.FindByIp(address);
            return lines.Count > 1 ? (null, RadiusErrorCause.MultipleSessionSelectionUnsupported) : (lines.FirstOrDefault(), null);
        }

        var text = attribute.GetString();
        if (text.Length == 0 || text.Any(char.IsControl))
        {
            return (null, RadiusErrorCause.InvalidRequest);
        }

        if (attribute.Is(RadiusAttributeTypes.UserName))
        {
            return (state.FindByAccount(text), null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bandId)
            ? (state.FindByBandId(bandId), null)
            : (null, null);
    }
}
