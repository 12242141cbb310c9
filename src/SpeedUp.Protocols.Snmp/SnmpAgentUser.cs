namespace SpeedUp.Protocols.Snmp;

/// <summary>An SNMPv3 user an <see cref="SnmpAgent"/> accepts, with its access rights (a small VACM, RFC 3415).</summary>
/// <param name="User">The USM user (its keys are localized to the agent's snmpEngineID).</param>
/// <param name="CanWrite">Whether the user may SET; otherwise a SET gets <c>authorizationError</c>.</param>
/// <param name="MinimumLevel">The lowest securityLevel accepted from this user; a request below it gets
/// <c>authorizationError</c> (as net-snmp's <c>rwuser name priv</c>). Default <see cref="SnmpSecurityLevel.AuthPriv"/>.</param>
public sealed record SnmpAgentUser(UsmUser User, bool CanWrite = false, SnmpSecurityLevel MinimumLevel = SnmpSecurityLevel.AuthPriv)
{
    /// <summary>The user (without passwords) and its rights.</summary>
    public override string ToString() =>
        "SnmpAgentUser { User = " + User + ", CanWrite = " + CanWrite + ", MinimumLevel = " + MinimumLevel + " }";
}
