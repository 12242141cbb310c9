namespace SpeedUp.Protocols.Snmp;

/// <summary>Community-based credentials (RFC 1157 §3.2.5, RFC 1901). <see cref="ToString"/> hides the community.</summary>
/// <param name="Community">The community string. Never logged.</param>
/// <param name="Version">SNMPv1 or SNMPv2c; default <see cref="SnmpVersion.V2c"/>.</param>
public sealed record SnmpCommunity(string Community, SnmpVersion Version = SnmpVersion.V2c) : SnmpCredentials
{
    /// <inheritdoc />
    public override SnmpVersion MessageVersion => Version;

    /// <summary>The version only; never the community.</summary>
    public override string ToString() => "SnmpCommunity { Version = " + Version + ", Community = *** }";
}
