using System.Net;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Called for each datagram received; the span is valid only during the call.</summary>
internal delegate void DatagramReceived(ReadOnlySpan<byte> datagram, IPEndPoint source);

/// <summary>A bound datagram endpoint (UDP in production, in memory in tests).</summary>
internal interface IDatagramTransport : IAsyncDisposable
{
    /// <summary>The bound address and port.</summary>
    IPEndPoint LocalEndpoint { get; }

    /// <summary>Sends one datagram.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken);
}
