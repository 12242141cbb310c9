using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>A bound UDP socket with a background receive loop that hands each datagram to a callback.</summary>
internal sealed class UdpTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> _onDatagram;
    private readonly int _maxDatagramSize;
    private readonly ILogger _logger;
    private Task _receiveLoop = Task.CompletedTask;
    private int _disposed;

    private UdpTransport(Socket socket, int maxDatagramSize, Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> onDatagram, ILogger logger)
    {
        _socket = socket;
        _maxDatagramSize = maxDatagramSize;
        _onDatagram = onDatagram;
        _logger = logger;
        LocalEndpoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndpoint { get; }

    /// <summary>
    /// Binds <paramref name="local"/> and starts receiving. The callback must be done with the buffer when it
    /// returns; a non-null result is sent back to the datagram's source.
    /// </summary>
    public static UdpTransport Bind(
        IPEndPoint local,
        int maxDatagramSize,
        Func<ReadOnlyMemory<byte>, IPEndPoint, byte[]?> onDatagram,
        ILogger logger)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(local);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var channel = new UdpTransport(socket, maxDatagramSize, onDatagram, logger);
        channel._receiveLoop = Task.Run(() => channel.ReceiveLoopAsync(channel._stopping.Token));
        return channel;
    }

    /// <summary>Sends one datagram.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

    /// <summary>Stops the loop and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // One byte more than allowed, so an oversized datagram shows as such instead of silently truncated.
        var buffer = GC.AllocateUninitializedArray<byte>(_maxDatagramSize + 1);
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

                UdpLog.ReceiveFailed(_logger, e.SocketErrorCode, e);
                continue;
            }

            var remote = (IPEndPoint)received.RemoteEndPoint;
            if (received.ReceivedBytes > _maxDatagramSize)
            {
                UdpLog.DatagramTooLarge(_logger, remote, _maxDatagramSize);
                continue;
            }

            try
            {
                var reply = _onDatagram(buffer.AsMemory(0, received.ReceivedBytes), remote);
                if (reply is not null)
                {
                    await SendAsync(reply, remote, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                UdpLog.HandlerFailed(_logger, remote, e);
            }
        }
    }
}
