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

    /// <summary>The message-version values of SNMPv3 (RFC 3412 §6), recognised but not yet served.</summary>
    public const int SnmpV3Version = 3;
}
