using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Log events of <see cref="UdpTransport"/>.</summary>
internal static partial class UdpLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "UDP receive failed ({SocketError}); continuing")]
    public static partial void ReceiveFailed(ILogger logger, SocketError socketError, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Dropped a datagram from {Remote} larger than {MaxDatagramSize} bytes")]
    public static partial void DatagramTooLarge(ILogger logger, IPEndPoint remote, int maxDatagramSize);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Handling a datagram from {Remote} failed")]
    public static partial void HandlerFailed(ILogger logger, IPEndPoint remote, Exception exception);
}
