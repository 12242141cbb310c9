namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMPv3 agent refused a request with a Report (RFC 3412 §7.1, RFC 3414 §3.2), e.g.
/// <c>usmStatsWrongDigests</c> (wrong authentication password) or <c>usmStatsUnknownUserNames</c>.
/// The message never contains passwords or keys.
/// </summary>
public sealed class SnmpAuthenticationException : SnmpException
{
    /// <summary>Creates an exception without a message.</summary>
    public SnmpAuthenticationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnmpAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnmpAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a Report.</summary>
    /// <param name="message">What happened, without secrets.</param>
    /// <param name="reportOid">The dotted OID of the report's counter, e.g. <c>1.3.6.1.6.3.15.1.1.5.0</c>.</param>
    /// <param name="reportName">Its MIB name, e.g. <c>usmStatsWrongDigests</c>.</param>
    public SnmpAuthenticationException(string message, string reportOid, string reportName)
        : base(message)
    {
        ReportOid = reportOid;
        ReportName = reportName;
    }

    /// <summary>The dotted OID of the Report's variable (e.g. <c>1.3.6.1.6.3.15.1.1.5.0</c>); empty when unknown.</summary>
    public string ReportOid { get; } = "";

    /// <summary>The MIB name of the Report's variable (e.g. <c>usmStatsWrongDigests</c>); the OID when not a known one.</summary>
    public string ReportName { get; } = "";
}
