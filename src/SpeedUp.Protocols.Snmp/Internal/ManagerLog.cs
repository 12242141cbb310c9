using System.Net;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Log events of <see cref="SnmpManager"/>. Communities, passwords and keys are never logged.</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "No answer from {Agent} to request {RequestId} (attempt {Attempt} of {Attempts})")]
    public static partial void AttemptTimedOut(ILogger logger, IPEndPoint agent, int requestId, int attempt, int attempts);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Dropped a malformed datagram from {Remote}: {Reason}")]
    public static partial void Malformed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Dropped an unexpected {PduType} (request {RequestId}) from {Remote}")]
    public static partial void Unmatched(ILogger logger, SnmpPduType pduType, int requestId, IPEndPoint remote);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Dropped an SNMPv3 message from {Remote}: {Reason}")]
    public static partial void V3Dropped(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Discovered SNMP engine {EngineId} at {Agent} (boots {Boots}, time {Time})")]
    public static partial void EngineDiscovered(ILogger logger, IPEndPoint agent, string engineId, int boots, int time);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Resynchronizing with the SNMP engine at {Agent} after a {ReportName} report")]
    public static partial void Resynchronizing(ILogger logger, IPEndPoint agent, string reportName);
}
