namespace SpeedUp.Protocols.Snmp;

/// <summary>SNMPv3 User-based Security Model credentials (RFC 3414). <see cref="ToString"/> hides the passwords.</summary>
/// <param name="User">The USM user.</param>
/// <param name="Level">The securityLevel of requests; null means the user's own <see cref="UsmUser.Level"/>.</param>
/// <param name="ContextEngineId">The contextEngineID of the scopedPDU (RFC 3412 §6.8); null means the agent's
/// discovered snmpEngineID.</param>
/// <param name="ContextName">The contextName; default the default context "".</param>
public sealed record SnmpUsm(
    UsmUser User,
    SnmpSecurityLevel? Level = null,
    ReadOnlyMemory<byte>? ContextEngineId = null,
    string ContextName = "") : SnmpCredentials
{
    /// <inheritdoc />
    public override SnmpVersion MessageVersion => SnmpVersion.V3;

    /// <summary>The level actually used: <see cref="Level"/> or, when null, the user's.</summary>
    public SnmpSecurityLevel EffectiveLevel => Level ?? User.Level;

    /// <summary>User name, protocols and level; never the passwords.</summary>
    public override string ToString() =>
        "SnmpUsm { User = " + User + ", Level = " + EffectiveLevel + ", ContextName = " + ContextName + " }";
}
