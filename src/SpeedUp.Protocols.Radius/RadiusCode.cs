namespace SpeedUp.Protocols.Radius;

/// <summary>The Code field of a RADIUS packet (RFC 2865 §3, RFC 2866 §4, RFC 5176 §2.3, RFC 5997).</summary>
public enum RadiusCode : byte
{
    /// <summary>Access-Request (1).</summary>
    AccessRequest = 1,

    /// <summary>Access-Accept (2).</summary>
    AccessAccept = 2,

    /// <summary>Access-Reject (3).</summary>
    AccessReject = 3,

    /// <summary>Accounting-Request (4, RFC 2866).</summary>
    AccountingRequest = 4,

    /// <summary>Accounting-Response (5, RFC 2866).</summary>
    AccountingResponse = 5,

    /// <summary>Access-Challenge (11).</summary>
    AccessChallenge = 11,

    /// <summary>Status-Server (12, RFC 5997).</summary>
    StatusServer = 12,

    /// <summary>Status-Client (13).</summary>
    StatusClient = 13,

    /// <summary>Disconnect-Request (40, RFC 5176).</summary>
    DisconnectRequest = 40,

    /// <summary>Disconnect-ACK (41, RFC 5176).</summary>
    DisconnectAck = 41,

    /// <summary>Disconnect-NAK (42, RFC 5176).</summary>
    DisconnectNak = 42,

    /// <summary>CoA-Request (43, RFC 5176).</summary>
    CoaRequest = 43,

    /// <summary>CoA-ACK (44, RFC 5176).</summary>
    CoaAck = 44,

    /// <summary>CoA-NAK (45, RFC 5176).</summary>
    CoaNak = 45,
}
