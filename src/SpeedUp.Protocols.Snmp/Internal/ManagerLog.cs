using System.Net;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Log events of <see cref="SnmpManager"/>. Communities are never logged.</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "No answer from {Agent} to request {RequestId} (attempt {Attempt} of {Attempts})")]
    public static partial void AttemptTimedOut(ILogger logger, IPEndPoint agent, int requestId, int attempt, int attempts);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Dropped a malformed datagram from {Remote}: {Reason}")]
    public static partial void Malformed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Dropped an unexpected {PduType} (request {RequestId}) from {Remote}")]
    public static partial void Unmatched(ILogger logger, SnmpPduType pduType, int requestId, IPEndPoint remote);
}
