namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// How a request is secured: <see cref="SnmpCommunity"/> (SNMPv1/v2c) or <see cref="SnmpUsm"/> (SNMPv3 USM).
/// Implementations' <see cref="object.ToString"/> never shows secrets.
/// </summary>
public abstract record SnmpCredentials
{
    /// <summary>The message version these credentials are used with.</summary>
    public abstract SnmpVersion MessageVersion { get; }
}
