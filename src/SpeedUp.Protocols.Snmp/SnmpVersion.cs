namespace SpeedUp.Protocols.Snmp;

/// <summary>The community-based SNMP versions; the values are those of the message's version field.</summary>
public enum SnmpVersion
{
    /// <summary>SNMPv1 (RFC 1157).</summary>
    V1 = 0,

    /// <summary>Community-based SNMPv2 (RFC 1901, RFC 3416).</summary>
    V2c = 1,
}
