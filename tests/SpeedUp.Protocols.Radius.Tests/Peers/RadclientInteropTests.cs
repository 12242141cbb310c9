using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests.Peers;

/// <summary>
/// FreeRADIUS radclient (Debian freeradius-utils) as an independent CoA client against OUR server helper on
/// 127.0.0.1:&lt;free port&gt;: it builds the requests with its own encoder, Request Authenticator and
/// Message-Authenticator, and checks our ACK/NAK's Response Authenticator before printing "Received …".
/// </summary>
public sealed class RadclientInteropTests : IAsyncDisposable
{
    private const string SecretText = "radclient-interop-secret";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private readonly RadiusDictionary _dictionary = FreeRadius.LoadVendorDictionaries();
    private readonly TestMeterFactory _meters = new();
    private readonly Counters _counters;
    private readonly ConcurrentQueue<RadiusPacket> _handled = new();
    private readonly RadiusServer _server;

    public RadclientInteropTests()
    {
        if (!File.Exists(FreeRadius.Radclient))
        {
            Assert.Fail("radclient is missing (Debian freeradius-utils): run scripts/setup.sh as root.");
        }

        _counters = new Counters(_meters);
        var options = new RadiusServerOptions { LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        options.Clients.Add(new RadiusServerClient(IPAddress.Loopback, new RadiusSharedSecret(SecretText)));
        _server = new RadiusServer(options, HandleAsync, _dictionary, null, _meters);
    }

    [Fact]
    public async Task Radclient_CoaWithHuaweiVsas_OurServerDecodesAndAcks()
    {
        var (exit, output, errors) = await RadclientAsync("coa", SecretText,
            "User-Name = \"zj0571a0001\"\nHuawei-Input-Average-Rate = 100000\nHuawei-Output-Average-Rate = 200000000\n"
            + "Acct-Session-Id = \"0571BRAS01-42\"\nMessage-Authenticator = 0x00\n");

        Assert.True(exit == 0, "radclient exit " + exit + ": " + output + errors);
        Assert.Contains("Received CoA-ACK Id", output, StringComparison.Ordinal);
        var request = Assert.Single(_handled);
        Assert.Equal(RadiusCode.CoaRequest, request.Code);
        Assert.Equal(
            ["User-Name=zj0571a0001", "Huawei-Input-Average-Rate=100000", "Huawei-Output-Average-Rate=200000000", "Acct-Session-Id=0571BRAS01-42"],
            Described(request).Where(d => !d.StartsWith("Message-Authenticator", StringComparison.Ordinal)));
        // radclient's Message-Authenticator passed our check (the server requires none, but verifies one when present).
        Assert.NotNull(request.Find(RadiusAttributeTypes.MessageAuthenticator));
        Assert.Equal(0, _counters.ServerDropped(RadiusDropReason.BadAuthenticator));
    }

    [Fact]
    public async Task Radclient_DisconnectForUnknownSession_GetsOurNakWithErrorCause()
    {
        var (exit, output, errors) = await RadclientAsync("disconnect", SecretText,
            "User-Name = \"nobody\"\nZTE-Rate-Ctrl-SCR-Up = 51200\nH3C-Input-Average-Rate = 1024\n");

        Assert.Contains("Received Disconnect-NAK Id", output, StringComparison.Ordinal);
        Assert.Contains("Error-Cause = Session-Context-Not-Found", output, StringComparison.Ordinal);
        Assert.True(exit is 0 or 1, "radclient exit " + exit + ": " + errors);
        Assert.Equal(["User-Name=nobody", "ZTE-Rate-Ctrl-SCR-Up=51200", "H3C-Input-Average-Rate=1024"], Described(Assert.Single(_handled)));
    }

    [Fact]
    public async Task Radclient_WrongSecret_IsDroppedSilently_AndRadclientTimesOut()
    {
        var (exit, output, _) = await RadclientAsync("coa", "not-the-secret", "User-Name = \"zj0571a0001\"\nHuawei-Output-Average-Rate = 1\n");

        Assert.NotEqual(0, exit);
        Assert.Contains("No reply from server", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Received", output, StringComparison.Ordinal);
        Assert.Empty(_handled);
        Assert.Equal(1, _counters.ServerDropped(RadiusDropReason.BadAuthenticator));
    }

    [Fact]
    public async Task Radclient_RetransmitsWhileWeAreStillActing_TheCopyIsNotActedOnTwice()
    {
        // The handler takes 1.5 s for "slow" users; radclient (-t 1) resends the same packet after 1 s.
        var (exit, output, errors) = await RadclientAsync("coa", SecretText, "User-Name = \"slow\"\nHuawei-Output-Average-Rate = 300000000\n", retries: 3);

        Assert.True(exit == 0, "radclient exit " + exit + ": " + output + errors);
        Assert.Contains("Received CoA-ACK Id", output, StringComparison.Ordinal);
        Assert.Single(_handled);
        Assert.True(_counters.ServerDuplicates("in_progress") >= 1, "radclient did not resend, or the copy was acted on");
    }

    private async ValueTask<RadiusReply> HandleAsync(RadiusRequestContext request, CancellationToken cancellationToken)
    {
        _handled.Enqueue(request.Packet);
        var user = request.Packet.Find(RadiusAttributeTypes.UserName)?.GetString();
        if (user == "slow")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500), cancellationToken);
        }

        return user == "nobody" ? RadiusReply.Nak(RadiusErrorCause.SessionContextNotFound) : RadiusReply.Ack();
    }

    private IEnumerable<string> Described(RadiusPacket packet) =>
        packet.Attributes.Select(a => _dictionary.TryDescribe(a, out var name, out var value) ? name + "=" + value : a.ToString());

    private Task<(int ExitCode, string Output, string Errors)> RadclientAsync(string command, string secret, string attributes, int retries = 1) =>
        PeerProcess.RunAsync(
            FreeRadius.Radclient,
            ["-x", "-t", "1", "-r", retries.ToString(CultureInfo.InvariantCulture), "-D", FreeRadius.DictionaryDirectory,
                "127.0.0.1:" + _server.LocalEndpoint.Port.ToString(CultureInfo.InvariantCulture), command, secret],
            attributes, Budget);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _counters.Dispose();
        _meters.Dispose();
    }
}
