namespace SpeedUp.Protocols.Radius;

/// <summary>Numbers of the standard attributes this stack itself reads or writes (RFC 2865 §5, RFC 3579, RFC 5176).</summary>
public static class RadiusAttributeTypes
{
    /// <summary>User-Name (1, string).</summary>
    public const byte UserName = 1;

    /// <summary>NAS-IP-Address (4, ipaddr).</summary>
    public const byte NasIpAddress = 4;

    /// <summary>Framed-IP-Address (8, ipaddr).</summary>
    public const byte FramedIpAddress = 8;

    /// <summary>Reply-Message (18, string).</summary>
    public const byte ReplyMessage = 18;

    /// <summary>State (24, octets).</summary>
    public const byte State = 24;

    /// <summary>Vendor-Specific (26): vendor id, then the vendor's own attributes (RFC 2865 §5.26).</summary>
    public const byte VendorSpecific = 26;

    /// <summary>Calling-Station-Id (31, string).</summary>
    public const byte CallingStationId = 31;

    /// <summary>NAS-Identifier (32, string).</summary>
    public const byte NasIdentifier = 32;

    /// <summary>Acct-Session-Id (44, string).</summary>
    public const byte AcctSessionId = 44;

    /// <summary>Event-Timestamp (55, date).</summary>
    public const byte EventTimestamp = 55;

    /// <summary>Message-Authenticator (80, 16 octets of HMAC-MD5, RFC 3579 §3.2).</summary>
    public const byte MessageAuthenticator = 80;

    /// <summary>Error-Cause (101, integer, RFC 5176 §3.5).</summary>
    public const byte ErrorCause = 101;
}
