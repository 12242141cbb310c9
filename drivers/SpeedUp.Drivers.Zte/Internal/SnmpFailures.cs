using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte.Internal;

/// <summary>Translates SNMP stack exceptions into <see cref="DriverException"/>s (messages name no secrets).</summary>
internal static class SnmpFailures
{
    public static DriverException Translate(Exception exception, string channel, string operation, TimeSpan operationTimeout) => exception switch
    {
        SnmpTimeoutException => new(DriverFailure.Timeout,
            "Channel " + channel + ": no SNMP answer to " + operation + " (agent down, wrong community or SNMPv3 privacy password, or packets lost).", exception),
        SnmpAuthenticationException auth => new(DriverFailure.AuthenticationFailed,
            "Channel " + channel + ": the agent refused the SNMPv3 credentials for " + operation + " (" + auth.ReportName + ").", exception),
        OperationCanceledException => new(DriverFailure.Timeout,
            "Channel " + channel + ": " + operation + " did not complete within " + operationTimeout.TotalSeconds + " s.", exception),
        SnmpTransportException transport => new(DriverFailure.Unreachable,
            "Channel " + channel + ": the SNMP agent could not be reached for " + operation + ": " + transport.Message, exception),
        SnmpErrorException { Status: SnmpErrorStatus.NoCreation } => new(DriverFailure.LineNotFound,
            "Channel " + channel + ": the line does not exist on this equipment (noCreation).", exception),
        SnmpErrorException error => new(DriverFailure.Rejected,
            "Channel " + channel + ": the equipment refused " + operation + ": " + error.Status + " (binding " + error.ErrorIndex + ").", exception),
        SnmpDecodingException => new(DriverFailure.ProtocolError,
            "Channel " + channel + ": the SNMP answer to " + operation + " was malformed.", exception),
        _ => new(DriverFailure.ProtocolError,
            "Channel " + channel + ": " + operation + " failed in the SNMP stack.", exception),
    };
}
