using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>A bound UDP socket whose background loop hands each datagram to a callback.</summary>
internal sealed class UdpDatagramTransport : IDatagramTransport
{
    // Larger than any RADIUS packet, so an oversized datagram arrives whole and the decoder judges it.
    private const int ReceiveBufferSize = 65536;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly DatagramReceived _onDatagram;
    private readonly ILogger _logger;
    private Task _receiveLoop = Task.CompletedTask;
    private int _disposed;

    private UdpDatagramTransport(Socket socket, DatagramReceived onDatagram, ILogger logger)
    {
        _socket = socket;
        _onDatagram = onDatagram;
        _logger = logger;
        LocalEndpoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndpoint { get; }

    /// <summary>Binds <paramref name="local"/> and starts receiving.</summary>
    /// <exception cref="RadiusTransportException">The address cannot be bound.</exception>
    public static UdpDatagramTransport Bind(IPEndPoint local, DatagramReceived onDatagram, ILogger logger)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RadiusTransportException("Cannot bind UDP " + local + " (" + e.SocketErrorCode + ").", e);
        }

        var transport = new UdpDatagramTransport(socket, onDatagram, logger);
        transport._receiveLoop = Task.Run(() => transport.ReceiveLoopAsync(transport._stopping.Token));
        return transport;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new RadiusTransportException("Cannot send to " + remote + " (" + e.SocketErrorCode + ").", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize);
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // ICMP port-unreachable of an earlier send shows here on some systems; the loop carries on.
                RadiusLog.ReceiveFailed(_logger, e.SocketErrorCode, e);
                continue;
            }

            try
            {
                _onDatagram(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
            }
            catch (Exception e)
            {
                RadiusLog.HandlerFailed(_logger, (IPEndPoint)received.RemoteEndPoint, e);
            }
        }
    }
}
