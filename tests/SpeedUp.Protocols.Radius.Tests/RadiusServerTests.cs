using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>The CoA server helper over an in-memory transport and a fake clock.</summary>
public sealed class RadiusServerTests : IAsyncDisposable
{
    private static readonly RadiusSharedSecret Secret = new("server-test-secret");
    private static readonly IPEndPoint Sender = new(IPAddress.Parse("192.0.2.1"), 40000);
    private static readonly RadiusAttribute[] Rate = [RadiusAttribute.FromString(1, "zj0571a0001"), RadiusAttribute.VendorUInt32(2011, 2, 100_000)];

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 3799));
    private readonly TestMeterFactory _meters = new();
    private readonly Counters _counters;
    private readonly List<RadiusRequestContext> _handled = [];
    private Func<RadiusRequestContext, ValueTask<RadiusReply>> _reply = _ => ValueTask.FromResult(RadiusReply.Ack());
    private RadiusServer? _server;

    public RadiusServerTests() => _counters = new Counters(_meters);

    private RadiusServer Server => _server ??= Start(new RadiusServerOptions());

    [Fact]
    public async Task CoaRequest_Authentic_HandlerSeesAttributes_AndAckIsSigned()
    {
        var request = Packets.Request(RadiusCode.CoaRequest, 5, Secret, true, Rate);

        Deliver(request);
        var (answer, to) = await _transport.NextSentAsync();

        Assert.Equal(Sender, to);
        var context = Assert.Single(_handled);
        Assert.Equal(Sender, context.Source);
        Assert.True(context.Packet.Find(2011, 2)!.TryGetUInt32(out var rate));
        Assert.Equal(100_000u, rate);
        Assert.Equal(RadiusVerification.Valid, RadiusAuthenticator.VerifyResponse(answer, request.AsSpan(4, 16), Secret, requireMessageAuthenticator: true));
        Assert.Equal((RadiusCode.CoaAck, (byte)5), (Packets.Decode(answer).Code, Packets.Decode(answer).Identifier));
    }

    [Fact]
    public async Task Nak_CarriesErrorCause_AndDisconnectGetsDisconnectNak()
    {
        _reply = _ => ValueTask.FromResult(RadiusReply.Nak(RadiusErrorCause.SessionContextNotFound));
        var request = Packets.Request(RadiusCode.DisconnectRequest, 6, Secret, false, Rate);

        Deliver(request);
        var answer = Packets.Decode((await _transport.NextSentAsync()).Datagram);

        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(RadiusErrorCause.SessionContextNotFound, answer.ErrorCause);
        // The request had no Message-Authenticator, so the answer has none either.
        Assert.Null(answer.Find(RadiusAttributeTypes.MessageAuthenticator));
    }

    [Fact]
    public async Task WrongSecret_UnknownClient_AccessRequest_Malformed_AreDroppedSilentlyAndCounted()
    {
        Deliver(Packets.Request(RadiusCode.CoaRequest, 1, new RadiusSharedSecret("not-the-secret"), true, Rate));
        Deliver(Packets.Request(RadiusCode.CoaRequest, 2, Secret, true, Rate), new IPEndPoint(IPAddress.Parse("192.0.2.99"), 1));
        Deliver(Packets.Request(RadiusCode.AccessRequest, 3, Secret, true, Rate));
        Deliver([43, 1, 0, 3]);
        var tampered = Packets.Request(RadiusCode.CoaRequest, 4, Secret, true, Rate);
        tampered[^1] ^= 1;
        Deliver(tampered);
        await Server.DisposeAsync();

        Assert.Empty(_handled);
        Assert.Equal(0, _transport.SendCount);
        Assert.Equal(2, _counters.ServerDropped(RadiusDropReason.BadAuthenticator));
        Assert.Equal(1, _counters.ServerDropped(RadiusDropReason.UnknownClient));
        Assert.Equal(1, _counters.ServerDropped(RadiusDropReason.UnexpectedCode));
        Assert.Equal(1, _counters.ServerDropped(RadiusDropReason.Malformed));
    }

    [Fact]
    public async Task SameRequestTwice_IsActedOnOnce_AndTheCachedAnswerIsResent()
    {
        var request = Packets.Request(RadiusCode.CoaRequest, 7, Secret, true, Rate);

        Deliver(request);
        var first = (await _transport.NextSentAsync()).Datagram;
        Deliver(request);
        var second = (await _transport.NextSentAsync()).Datagram;

        Assert.Single(_handled);
        Assert.Equal(first, second);
        Assert.Equal(1, _counters.ServerDuplicates("resent"));
    }

    [Fact]
    public async Task SameIdentifierFromAnotherPort_OrWithNewAuthenticator_IsANewRequest()
    {
        var request = Packets.Request(RadiusCode.CoaRequest, 7, Secret, true, Rate);
        var changed = Packets.Request(RadiusCode.CoaRequest, 7, Secret, true, [.. Rate, RadiusAttribute.FromUInt32(55, 1)]);

        Deliver(request);
        await _transport.NextSentAsync();
        Deliver(request, new IPEndPoint(Sender.Address, Sender.Port + 1));
        await _transport.NextSentAsync();
        Deliver(changed);
        await _transport.NextSentAsync();

        Assert.Equal(3, _handled.Count);
    }

    [Fact]
    public async Task SameRequestAfterTheWindow_IsActedOnAgain()
    {
        var request = Packets.Request(RadiusCode.CoaRequest, 8, Secret, true, Rate);
        Start(new RadiusServerOptions { DuplicateWindow = TimeSpan.FromSeconds(30) });

        Deliver(request);
        await _transport.NextSentAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        Deliver(request);
        await _transport.NextSentAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        Deliver(request);
        await _transport.NextSentAsync();

        Assert.Equal(2, _handled.Count);
    }

    [Fact]
    public async Task CopyWhileTheFirstIsStillHandled_IsDropped()
    {
        var release = new TaskCompletionSource<RadiusReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reply = _ =>
        {
            entered.TrySetResult();
            return new ValueTask<RadiusReply>(release.Task);
        };
        var request = Packets.Request(RadiusCode.CoaRequest, 9, Secret, true, Rate);

        Deliver(request);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Deliver(request);
        release.SetResult(RadiusReply.Ack());
        await _transport.NextSentAsync();

        Assert.Single(_handled);
        Assert.Equal(1, _counters.ServerDuplicates("in_progress"));
        Assert.Equal(1, _transport.SendCount);
    }

    [Fact]
    public async Task HandlerDrops_NoAnswer_AndARetransmissionIsHandledAgain()
    {
        var replies = new Queue<RadiusReply>([RadiusReply.Drop, RadiusReply.Ack()]);
        _reply = _ => ValueTask.FromResult(replies.Dequeue());
        var request = Packets.Request(RadiusCode.CoaRequest, 10, Secret, true, Rate);

        Deliver(request);
        // The first handling is over (and forgotten) before the copy arrives.
        Assert.True(SpinWait.SpinUntil(() => _handled.Count == 1 && Server.RememberedRequests == 0, TimeSpan.FromSeconds(10)));
        Deliver(request);
        await _transport.NextSentAsync();

        Assert.Equal(2, _handled.Count);
        Assert.Equal(1, _transport.SendCount);
    }

    [Fact]
    public async Task RequireMessageAuthenticator_RequestWithoutOne_IsDropped()
    {
        Start(new RadiusServerOptions { RequireMessageAuthenticator = true });

        Deliver(Packets.Request(RadiusCode.CoaRequest, 11, Secret, false, Rate));
        Deliver(Packets.Request(RadiusCode.CoaRequest, 12, Secret, true, Rate));
        await _transport.NextSentAsync();

        Assert.Equal(1, _counters.ServerDropped(RadiusDropReason.MissingMessageAuthenticator));
        Assert.Equal(12, Assert.Single(_handled).Packet.Identifier);
    }

    [Fact]
    public void Options_Invalid_AreRefused()
    {
        var noClients = new RadiusServerOptions();
        var badWindow = new RadiusServerOptions { DuplicateWindow = TimeSpan.Zero };
        badWindow.Clients.Add(new RadiusServerClient(IPAddress.Loopback, Secret));
        var twice = new RadiusServerOptions();
        twice.Clients.Add(new RadiusServerClient(IPAddress.Loopback, Secret));
        twice.Clients.Add(new RadiusServerClient(IPAddress.Loopback, Secret));

        Assert.Contains(noClients.Validate(), p => p.Contains("client", StringComparison.Ordinal));
        Assert.Contains(badWindow.Validate(), p => p.Contains("DuplicateWindow", StringComparison.Ordinal));
        Assert.Contains(twice.Validate(), p => p.Contains("once", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new RadiusServer(noClients, (_, _) => ValueTask.FromResult(RadiusReply.Ack())));
    }

    /// <summary>Delivers a datagram to the server (created with default options on first use).</summary>
    private void Deliver(byte[] datagram, IPEndPoint? from = null)
    {
        _ = Server;
        _transport.Deliver(datagram, from ?? Sender);
    }

    private RadiusServer Start(RadiusServerOptions options)
    {
        options.Clients.Add(new RadiusServerClient(Sender.Address, Secret));
        options.TimeProvider = _time;
        _server = new RadiusServer(options, (request, _) =>
        {
            lock (_handled)
            {
                _handled.Add(request);
            }

            return _reply(request);
        }, null, null, _meters, _transport.Binder);
        return _server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _counters.Dispose();
        _meters.Dispose();
    }
}
