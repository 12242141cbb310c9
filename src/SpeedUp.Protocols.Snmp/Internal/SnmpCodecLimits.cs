namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Limits the decoder enforces on top of BER well-formedness.</summary>
internal static class SnmpCodecLimits
{
    /// <summary>The largest UDP/IPv4 payload.</summary>
    public const int MaxUdpPayload = 65507;

    /// <summary>The smallest message size every SNMP entity must accept (RFC 3417 §3.2).</summary>
    public const int MinMessageSize = 484;

    /// <summary>Most variable bindings accepted in one PDU (and produced by one GetBulk).</summary>
    public const int MaxVarBinds = 2048;

    /// <summary>Longest OID content: 128 sub-identifiers, the first two combined, each at most 5 octets.</summary>
    public const int MaxOidContentLength = 127 * 5;

    /// <summary>Longest INTEGER content accepted (lenient: leading zero or sign octets allowed).</summary>
    public const int MaxIntegerContentLength = 16;

    /// <summary>The message-version value of SNMPv3 (RFC 3412 §6).</summary>
    public const int SnmpV3Version = 3;

    /// <summary>msgSecurityModel of the User-based Security Model (RFC 3411 §5, SnmpSecurityModel usm(3)).</summary>
    public const int UsmSecurityModel = 3;

    /// <summary>Longest snmpEngineID (RFC 3411 §5, SIZE(5..32)); empty is accepted in messages for discovery.</summary>
    public const int MaxEngineIdLength = 32;

    /// <summary>Longest msgUserName and contextName (SnmpAdminString (SIZE(0..32)), RFC 3414 §2.4, RFC 3412 §6.8).</summary>
    public const int MaxAdminStringLength = 32;

    /// <summary>Longest msgAuthenticationParameters: the HMAC-SHA-512 MAC of RFC 7860 (48 octets).</summary>
    public const int MaxAuthParametersLength = 48;

    /// <summary>Longest msgPrivacyParameters accepted (AES and DES use exactly 8).</summary>
    public const int MaxPrivParametersLength = 32;
}
