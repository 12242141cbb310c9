namespace SpeedUp.Protocols.Radius;

/// <summary>What each code means for the exchange: which codes are requests, and which answers a request admits.</summary>
public static class RadiusCodes
{
    /// <summary>Whether <paramref name="code"/> starts an exchange (a client sends it).</summary>
    public static bool IsRequest(RadiusCode code) => code is RadiusCode.AccessRequest or RadiusCode.AccountingRequest
        or RadiusCode.StatusServer or RadiusCode.DisconnectRequest or RadiusCode.CoaRequest;

    /// <summary>
    /// Whether the Request Authenticator of <paramref name="code"/> is a digest of the packet (RFC 2866 §3, RFC 5176 §3)
    /// rather than random octets (Access-Request and Status-Server, RFC 2865 §3).
    /// </summary>
    public static bool HasDigestRequestAuthenticator(RadiusCode code) =>
        code is RadiusCode.AccountingRequest or RadiusCode.DisconnectRequest or RadiusCode.CoaRequest;

    /// <summary>Whether <paramref name="response"/> is a legal answer to <paramref name="request"/>.</summary>
    public static bool Answers(RadiusCode response, RadiusCode request) => request switch
    {
        RadiusCode.AccessRequest => response is RadiusCode.AccessAccept or RadiusCode.AccessReject or RadiusCode.AccessChallenge,
        RadiusCode.StatusServer => response is RadiusCode.AccessAccept or RadiusCode.AccountingResponse,
        RadiusCode.AccountingRequest => response is RadiusCode.AccountingResponse,
        RadiusCode.DisconnectRequest => response is RadiusCode.DisconnectAck or RadiusCode.DisconnectNak,
        RadiusCode.CoaRequest => response is RadiusCode.CoaAck or RadiusCode.CoaNak,
        _ => false,
    };

    /// <summary>The positive (ACK) answer to a CoA-Request or Disconnect-Request.</summary>
    public static RadiusCode AckOf(RadiusCode request) => request switch
    {
        RadiusCode.CoaRequest => RadiusCode.CoaAck,
        RadiusCode.DisconnectRequest => RadiusCode.DisconnectAck,
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Only CoA-Request and Disconnect-Request have an ACK."),
    };

    /// <summary>The negative (NAK) answer to a CoA-Request or Disconnect-Request.</summary>
    public static RadiusCode NakOf(RadiusCode request) => request switch
    {
        RadiusCode.CoaRequest => RadiusCode.CoaNak,
        RadiusCode.DisconnectRequest => RadiusCode.DisconnectNak,
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Only CoA-Request and Disconnect-Request have a NAK."),
    };
}
