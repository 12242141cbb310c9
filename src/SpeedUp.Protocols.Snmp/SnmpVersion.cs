namespace SpeedUp.Protocols.Snmp;

/// <summary>The SNMP message versions; the values are those of the message's version field (RFC 3412 §6: 3 is SNMPv3).</summary>
public enum SnmpVersion
{
    /// <summary>SNMPv1 (RFC 1157).</summary>
    V1 = 0,

    /// <summary>Community-based SNMPv2 (RFC 1901, RFC 3416).</summary>
    V2c = 1,

    /// <summary>SNMPv3 with the User-based Security Model (RFC 3412, RFC 3414). Needs <see cref="SnmpUsm"/> credentials.</summary>
    V3 = 3,
}
