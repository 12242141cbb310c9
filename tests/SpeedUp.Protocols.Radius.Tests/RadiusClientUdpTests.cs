using System.Net;
using System.Net.Sockets;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>The client on real loopback sockets: the source the kernel reports is what the client matches on.</summary>
public sealed class RadiusClientUdpTests
{
    private static readonly RadiusSharedSecret Secret = new("udp-test-secret");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForgedAnswerFromAnotherPort_IsDropped_TheServersAnswerIsTaken()
    {
        using var meters = new TestMeterFactory();
        using var counters = new Counters(meters);
        using var nas = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var forger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var nasEndpoint = (IPEndPoint)nas.Client.LocalEndPoint!;
        await using var client = new RadiusClient(
            new RadiusClientOptions { LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0), Timeout = TimeSpan.FromSeconds(10), Retries = 0 },
            null, null, meters);

        var sending = client.SendAsync(nasEndpoint, Secret, RadiusCode.CoaRequest, [RadiusAttribute.VendorUInt32(2011, 5, 1)], Ct);
        var request = await nas.ReceiveAsync(Ct);
        // A correctly signed answer (the forger knows the secret) from the wrong port, then the real one.
        await forger.SendAsync(Packets.Answer(request.Buffer, RadiusCode.CoaAck, Secret), request.RemoteEndPoint, Ct);
        Assert.True(SpinWait.SpinUntil(() => counters.ClientDropped(RadiusDropReason.UnexpectedSource) == 1, TimeSpan.FromSeconds(10)));

        Assert.False(sending.IsCompleted);
        await nas.SendAsync(Packets.Answer(request.Buffer, RadiusCode.CoaNak, Secret), request.RemoteEndPoint, Ct);

        Assert.Equal(RadiusCode.CoaNak, (await sending).Code);
        Assert.Equal(client.LocalEndpoint.Port, request.RemoteEndPoint.Port);
    }

    [Fact]
    public async Task Server_OnRealSocket_AnswersOurClient()
    {
        var options = new RadiusServerOptions { LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        options.Clients.Add(new RadiusServerClient(IPAddress.Loopback, Secret));
        await using var server = new RadiusServer(options, (request, _) => ValueTask.FromResult(
            request.Packet.Find(2011, 5)!.TryGetUInt32(out var rate) && rate > 0 ? RadiusReply.Ack() : RadiusReply.Nak(RadiusErrorCause.InvalidAttributeValue)));
        await using var client = new RadiusClient(new RadiusClientOptions { LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0) });

        var ack = await client.SendAsync(server.LocalEndpoint, Secret, RadiusCode.CoaRequest, [RadiusAttribute.VendorUInt32(2011, 5, 1)], Ct);
        var nak = await client.SendAsync(server.LocalEndpoint, Secret, RadiusCode.CoaRequest, [RadiusAttribute.VendorUInt32(2011, 5, 0)], Ct);

        Assert.Equal(RadiusCode.CoaAck, ack.Code);
        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.InvalidAttributeValue), (nak.Code, nak.ErrorCause));
        Assert.NotNull(ack.Find(RadiusAttributeTypes.MessageAuthenticator));
    }
}
