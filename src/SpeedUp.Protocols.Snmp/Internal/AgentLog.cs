using System.Net;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Log events of <see cref="SnmpAgent"/>. Communities, passwords and keys are never logged.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SNMP agent listening on {Endpoint}")]
    public static partial void Started(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Dropped a malformed datagram from {Remote}: {Reason}")]
    public static partial void Malformed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Dropped an {Version} request from {Remote}: unknown community")]
    public static partial void WrongCommunity(ILogger logger, SnmpVersion version, IPEndPoint remote);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Ignored a {PduType} PDU from {Remote}")]
    public static partial void Unanswered(ILogger logger, SnmpPduType pduType, IPEndPoint remote);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The MIB failed on a {PduType} from {Remote}; answering genErr")]
    public static partial void MibFailed(ILogger logger, SnmpPduType pduType, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Could not encode the response to {Remote}")]
    public static partial void EncodeFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "SNMP agent on {Endpoint} stopped")]
    public static partial void Stopped(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Dropped an SNMPv3 message from {Remote}: {Reason}")]
    public static partial void V3Dropped(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Answered an SNMPv3 message from {Remote} with a {ReportName} report")]
    public static partial void V3Report(ILogger logger, IPEndPoint remote, string reportName);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The request filter failed on a datagram from {Remote}; dropped it")]
    public static partial void FilterFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The request observer failed on a request from {Remote}; the request is answered anyway")]
    public static partial void ObserverFailed(ILogger logger, IPEndPoint remote, Exception exception);
}
