using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Log events of the RADIUS client, server and transport (no secrets, no attribute values).</summary>
internal static partial class RadiusLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Debug, Message = "RADIUS UDP receive failed ({SocketError}); continuing")]
    public static partial void ReceiveFailed(ILogger logger, SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Handling a RADIUS datagram from {Remote} failed")]
    public static partial void HandlerFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Debug, Message = "Dropped a RADIUS packet from {Remote}: {Reason}")]
    public static partial void Dropped(ILogger logger, IPEndPoint remote, RadiusDropReason reason);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Debug,
        Message = "No RADIUS answer from {Server} to identifier {Identifier}, attempt {Attempt} of {Attempts}")]
    public static partial void AttemptTimedOut(ILogger logger, IPEndPoint server, byte identifier, int attempt, int attempts);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Debug, Message = "Duplicate RADIUS request {Identifier} from {Remote}; cached answer resent: {Resent}")]
    public static partial void DuplicateRequest(ILogger logger, IPEndPoint remote, byte identifier, bool resent);

    [LoggerMessage(EventId = 1905, Level = LogLevel.Error, Message = "The RADIUS request handler failed for {Code} {Identifier} from {Remote}; no answer sent")]
    public static partial void RequestHandlerFailed(ILogger logger, RadiusCode code, byte identifier, IPEndPoint remote, Exception exception);
}
