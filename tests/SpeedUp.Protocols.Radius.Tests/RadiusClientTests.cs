using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>The client over an in-memory transport and a fake clock: nothing sleeps, the test moves time.</summary>
public sealed class RadiusClientTests : IAsyncDisposable
{
    private static readonly RadiusSharedSecret Secret = new("client-test-secret");
    private static readonly IPEndPoint Nas = new(IPAddress.Parse("192.0.2.10"), 3799);
    private static readonly RadiusAttribute[] Rate = [RadiusAttribute.FromString(1, "zj0571a0001"), RadiusAttribute.VendorUInt32(2011, 5, 200_000_000)];

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryTransport _transport = new(new IPEndPoint(IPAddress.Loopback, 50000));
    private readonly TestMeterFactory _meters = new();
    private readonly Counters _counters;
    private readonly RadiusClient _client;

    public RadiusClientTests()
    {
        _counters = new Counters(_meters);
        _client = new RadiusClient(new RadiusClientOptions { TimeProvider = _time, Timeout = TimeSpan.FromSeconds(3), Retries = 2 }, null, null, _meters, _transport.Binder);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_AckFromTheServer_ReturnsIt()
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct);
        var (request, remote) = await _transport.NextSentAsync();

        Assert.Equal(Nas, remote);
        Assert.Equal(RadiusVerification.Valid, RadiusAuthenticator.VerifyRequest(request, Secret, requireMessageAuthenticator: true));
        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, Secret), Nas);

        var answer = await sending;
        Assert.Equal((RadiusCode.CoaAck, request[1]), (answer.Code, answer.Identifier));
        Assert.Equal(0, _client.InFlight);
    }

    [Fact]
    public async Task SendAsync_NoAnswer_ResendsTheSameOctetsAfterEachTimeout_ThenTimesOut()
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.DisconnectRequest, Rate, Ct);
        var first = (await _transport.NextSentAsync()).Datagram;

        _time.Advance(TimeSpan.FromSeconds(3));
        var second = (await _transport.NextSentAsync()).Datagram;
        _time.Advance(TimeSpan.FromSeconds(3));
        var third = (await _transport.NextSentAsync()).Datagram;
        Assert.False(sending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<RadiusTimeoutException>(() => sending);
        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Equal(3, _transport.SendCount);
        Assert.Equal(2, _counters.Retransmissions);
    }

    [Fact]
    public async Task SendAsync_AnswerToARetransmission_Completes()
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct);
        await _transport.NextSentAsync();
        _time.Advance(TimeSpan.FromSeconds(3));
        var (resent, _) = await _transport.NextSentAsync();

        _transport.Deliver(Packets.Answer(resent, RadiusCode.CoaNak, Secret, RadiusAttribute.FromUInt32(101, 503)), Nas);

        Assert.Equal(RadiusErrorCause.SessionContextNotFound, (await sending).ErrorCause);
    }

    [Fact]
    public async Task Responses_FromAnotherSource_WithWrongSecret_OrWrongCode_AreDroppedAndCounted()
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct);
        var (request, _) = await _transport.NextSentAsync();

        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, Secret), new IPEndPoint(IPAddress.Parse("192.0.2.66"), 3799));
        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, Secret), new IPEndPoint(Nas.Address, 3800));
        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, new RadiusSharedSecret("wrong-secret")), Nas);
        _transport.Deliver(Packets.Answer(request, RadiusCode.AccessAccept, Secret), Nas);
        _transport.Deliver([1, 2, 3], Nas);
        var unknownId = Packets.Answer(request, RadiusCode.CoaAck, Secret);
        unknownId[1]++;
        _transport.Deliver(unknownId, Nas);

        Assert.False(sending.IsCompleted);
        Assert.Equal(2, _counters.ClientDropped(RadiusDropReason.UnexpectedSource));
        Assert.Equal(1, _counters.ClientDropped(RadiusDropReason.BadAuthenticator));
        Assert.Equal(1, _counters.ClientDropped(RadiusDropReason.UnexpectedCode));
        Assert.Equal(1, _counters.ClientDropped(RadiusDropReason.Malformed));
        Assert.Equal(1, _counters.ClientDropped(RadiusDropReason.UnknownIdentifier));

        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, Secret), Nas);
        Assert.Equal(RadiusCode.CoaAck, (await sending).Code);
    }

    [Fact]
    public async Task SecondCopyOfTheAnswer_IsCountedAsDuplicate()
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct);
        var (request, _) = await _transport.NextSentAsync();
        var answer = Packets.Answer(request, RadiusCode.CoaAck, Secret);

        _transport.Deliver(answer, Nas);
        await sending;
        _transport.Deliver(answer, Nas);

        Assert.Equal(1, _counters.ClientDropped(RadiusDropReason.Duplicate));
    }

    [Fact]
    public async Task AllIdentifiersInUse_TheNextRequestWaits_UntilOneIsFreed()
    {
        var sends = Enumerable.Range(0, 257).Select(i => _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, RateOf(i), Ct)).ToList();
        var sent = new List<byte[]>();
        for (var i = 0; i < 256; i++)
        {
            sent.Add((await _transport.NextSentAsync()).Datagram);
        }

        Assert.Equal(256, sent.Select(d => d[1]).Distinct().Count());
        Assert.Equal(256, _client.InFlight);
        Assert.False(_transport.TryTakeSent(out _));

        _transport.Deliver(Packets.Answer(sent[10], RadiusCode.CoaAck, Secret), Nas);
        var (waited, _) = await _transport.NextSentAsync();

        Assert.Equal(sent[10][1], waited[1]);
        foreach (var datagram in sent.Where((_, i) => i != 10).Append(waited))
        {
            _transport.Deliver(Packets.Answer(datagram, RadiusCode.CoaAck, Secret), Nas);
        }

        Assert.All(await Task.WhenAll(sends), a => Assert.Equal(RadiusCode.CoaAck, a.Code));
    }

    [Fact]
    public async Task TheSameRequestAgain_OnTheIdentifierRoundRobinWouldReuse_GetsTheNextOne()
    {
        var first = await SendAnsweredAsync(Rate);
        for (var i = 0; i < 255; i++)
        {
            await SendAnsweredAsync(RateOf(i)); // every other identifier once: round robin comes back to the first's
        }

        var again = await SendAnsweredAsync(Rate);

        Assert.NotEqual(first[1], again[1]);
        Assert.Equal((byte)(first[1] + 1), again[1]);
        Assert.NotEqual(first.AsSpan(4, 16).ToArray(), again.AsSpan(4, 16).ToArray());
    }

    [Fact]
    public async Task TheSameRequestOnEveryIdentifierWithinTheWindow_IsRefusedUnsent_AfterTheWindowItGoes()
    {
        for (var i = 0; i < 256; i++)
        {
            await SendAnsweredAsync(Rate);
        }

        var refused = await Assert.ThrowsAsync<RadiusTransportException>(() => _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct));
        Assert.Contains("all 256 identifiers within 30 s", refused.Message, StringComparison.Ordinal);
        Assert.Equal(256, _transport.SendCount);
        Assert.Equal(0, _client.InFlight);

        _time.Advance(TimeSpan.FromSeconds(30));
        await SendAnsweredAsync(Rate);
        Assert.Equal(257, _transport.SendCount);
    }

    private static RadiusAttribute[] RateOf(int i) =>
        [RadiusAttribute.FromString(1, "zj0571a0001"), RadiusAttribute.VendorUInt32(2011, 5, (uint)(1_000_000 + i * 1000))];

    /// <summary>Sends <paramref name="attributes"/> as a CoA-Request, answers it with an ACK, and returns the request's octets.</summary>
    private async Task<byte[]> SendAnsweredAsync(RadiusAttribute[] attributes)
    {
        var sending = _client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, attributes, Ct);
        var (request, _) = await _transport.NextSentAsync();
        _transport.Deliver(Packets.Answer(request, RadiusCode.CoaAck, Secret), Nas);
        Assert.Equal(RadiusCode.CoaAck, (await sending).Code);
        return request;
    }

    [Fact]
    public async Task SendAsync_TargetPolicyRefuses_SendsNothing()
    {
        await using var client = new RadiusClient(
            new RadiusClientOptions { TimeProvider = _time, TargetPolicy = server => server.Address.Equals(IPAddress.Loopback) ? null : "live equipment" },
            null, null, null, _transport.Binder);

        var error = await Assert.ThrowsAsync<RadiusTransportException>(() => client.SendAsync(Nas, Secret, RadiusCode.CoaRequest, Rate, Ct));

        Assert.Contains("live equipment", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _transport.SendCount);
    }

    [Fact]
    public async Task SendAsync_ResponseCodeOrPassword_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.SendAsync(Nas, Secret, RadiusCode.CoaAck, Rate, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.SendAsync(Nas, Secret, RadiusCode.AccessRequest, [RadiusAttribute.FromString(2, "pw")], Ct));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(61_000, 1)]
    [InlineData(1000, -1)]
    [InlineData(1000, 11)]
    public void Options_OutOfRange_AreRefusedWhenTheClientIsCreated(int timeoutMs, int retries)
    {
        var options = new RadiusClientOptions { Timeout = TimeSpan.FromMilliseconds(timeoutMs), Retries = retries };

        Assert.NotEmpty(options.Validate());
        Assert.Throws<ArgumentException>(() => new RadiusClient(options, null, null, null, _transport.Binder));
    }

    [Fact]
    public void Options_Defaults_AreValid() => Assert.Empty(new RadiusClientOptions().Validate());

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _counters.Dispose();
        _meters.Dispose();
    }
}
