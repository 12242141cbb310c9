namespace SpeedUp.Protocols.Snmp;

/// <summary>The SNMPv3 securityLevel (RFC 3411 §3.4.3), in increasing order of protection.</summary>
public enum SnmpSecurityLevel
{
    /// <summary>Neither authenticated nor encrypted.</summary>
    NoAuthNoPriv = 0,

    /// <summary>Authenticated (HMAC), not encrypted.</summary>
    AuthNoPriv = 1,

    /// <summary>Authenticated and encrypted.</summary>
    AuthPriv = 2,
}
