using System.Net;
using System.Threading.Channels;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius.Tests.Support;

/// <summary>
/// A transport that records what is sent and lets the test deliver datagrams by hand: with a fake clock, the test
/// waits for a send, then moves the clock or answers. Nothing touches a socket.
/// </summary>
internal sealed class InMemoryTransport(IPEndPoint local) : IDatagramTransport
{
    private readonly Channel<(byte[] Datagram, IPEndPoint Remote)> _sent = Channel.CreateUnbounded<(byte[], IPEndPoint)>();
    private DatagramReceived? _receiver;

    public IPEndPoint LocalEndpoint { get; } = local;

    public int SendCount { get; private set; }

    public Func<DatagramReceived, IDatagramTransport> Binder => receiver =>
    {
        _receiver = receiver;
        return this;
    };

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken)
    {
        SendCount++;
        _sent.Writer.TryWrite((datagram.ToArray(), remote));
        return ValueTask.CompletedTask;
    }

    /// <summary>The next datagram sent (waits for it, at most 10 s of real time).</summary>
    public async Task<(byte[] Datagram, IPEndPoint Remote)> NextSentAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _sent.Reader.ReadAsync(timeout.Token);
    }

    public bool TryTakeSent(out (byte[] Datagram, IPEndPoint Remote) sent) => _sent.Reader.TryRead(out sent);

    /// <summary>Delivers <paramref name="datagram"/> as if it came from <paramref name="source"/>.</summary>
    public void Deliver(byte[] datagram, IPEndPoint source) => _receiver!(datagram, source);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
