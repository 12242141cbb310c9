using System.Globalization;
using System.Net;
using System.Text.Json;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests.Peers;

/// <summary>
/// pyrad 2.1 (Debian python3-pyrad) as an independent NAS: OUR client sends CoA and Disconnect requests to
/// pyrad_coa_server.py, which decodes them with its own parser and the FreeRADIUS dictionaries, checks our Request
/// Authenticator (pyrad) and Message-Authenticator (Python's hmac), and answers; our client checks its answers.
/// </summary>
public sealed class PyradCoaServerTests : IAsyncDisposable
{
    private const string SecretText = "pyrad-interop-secret";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private readonly RadiusDictionary _dictionary = FreeRadius.LoadVendorDictionaries();
    private readonly TestMeterFactory _meters = new();
    private PeerProcess? _pyrad;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OurCoaWithVendorAttributes_PyradDecodesVerifiesAndAcks()
    {
        var server = await StartPyradAsync();
        await using var client = Client(TimeSpan.FromSeconds(2));

        var answer = await client.SendAsync(server, new RadiusSharedSecret(SecretText), RadiusCode.CoaRequest,
        [
            _dictionary.Create("User-Name", "zj0571a0001"),
            _dictionary.Create("Huawei-Input-Average-Rate", "100000"),
            _dictionary.Create("Huawei-Output-Average-Rate", "200000000"),
            _dictionary.Create("ZTE-Rate-Ctrl-SCR-Up", "51200"),
            _dictionary.Create("H3C-Input-Average-Rate", "1024"),
            _dictionary.Create("Acct-Session-Id", "0571BRAS01-42"),
        ], Ct);

        var seen = await NextRequestAsync();
        Assert.Equal(43, seen.GetProperty("code").GetInt32());
        Assert.True(seen.GetProperty("authenticator_ok").GetBoolean());
        Assert.True(seen.GetProperty("message_authenticator_ok").GetBoolean());
        var attributes = seen.GetProperty("attributes");
        Assert.Equal("zj0571a0001", attributes.GetProperty("User-Name")[0].GetString());
        Assert.Equal(100000, attributes.GetProperty("Huawei-Input-Average-Rate")[0].GetInt64());
        Assert.Equal(200000000, attributes.GetProperty("Huawei-Output-Average-Rate")[0].GetInt64());
        Assert.Equal(51200, attributes.GetProperty("ZTE-Rate-Ctrl-SCR-Up")[0].GetInt64());
        Assert.Equal(1024, attributes.GetProperty("H3C-Input-Average-Rate")[0].GetInt64());
        Assert.Equal("0571BRAS01-42", attributes.GetProperty("Acct-Session-Id")[0].GetString());

        // pyrad's ACK passed our Response Authenticator and Message-Authenticator checks, and echoes a Huawei VSA.
        Assert.Equal(RadiusCode.CoaAck, answer.Code);
        Assert.NotNull(answer.Find(RadiusAttributeTypes.MessageAuthenticator));
        Assert.True(answer.Find(2011, 2)!.TryGetUInt32(out var echoed));
        Assert.Equal(100000u, echoed);
    }

    [Fact]
    public async Task OurDisconnectWithoutMessageAuthenticator_PyradNaksWithErrorCause()
    {
        var server = await StartPyradAsync();
        await using var client = Client(TimeSpan.FromSeconds(2), messageAuthenticator: false);

        var answer = await client.SendAsync(server, new RadiusSharedSecret(SecretText), RadiusCode.DisconnectRequest,
            [_dictionary.Create("User-Name", "nobody")], Ct);

        var seen = await NextRequestAsync();
        Assert.Equal(40, seen.GetProperty("code").GetInt32());
        Assert.True(seen.GetProperty("authenticator_ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("message_authenticator_ok").ValueKind);
        Assert.Equal(RadiusCode.DisconnectNak, answer.Code);
        Assert.Equal(RadiusErrorCause.SessionContextNotFound, answer.ErrorCause);
    }

    [Fact]
    public async Task OurCoaWithWrongSecret_PyradRefusesTheAuthenticator_AndWeTimeOut()
    {
        var server = await StartPyradAsync();
        await using var client = Client(TimeSpan.FromMilliseconds(500), retries: 0);

        var sending = client.SendAsync(server, new RadiusSharedSecret("not-the-secret"), RadiusCode.CoaRequest,
            [_dictionary.Create("User-Name", "zj0571a0001"), _dictionary.Create("Huawei-Output-Average-Rate", "1")], Ct);

        var seen = await NextRequestAsync();
        Assert.False(seen.GetProperty("authenticator_ok").GetBoolean());
        Assert.False(seen.GetProperty("message_authenticator_ok").GetBoolean());
        await Assert.ThrowsAsync<RadiusTimeoutException>(() => sending);
    }

    private RadiusClient Client(TimeSpan timeout, bool messageAuthenticator = true, int retries = 1) => new(
        new RadiusClientOptions
        {
            LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            Timeout = timeout,
            Retries = retries,
            AddMessageAuthenticator = messageAuthenticator,
        },
        _dictionary, null, _meters);

    private async Task<IPEndPoint> StartPyradAsync()
    {
        if (!File.Exists(FreeRadius.Python) || !Directory.Exists("/usr/lib/python3/dist-packages/pyrad"))
        {
            Assert.Fail("pyrad for /usr/bin/python3 is missing (Debian python3-pyrad): run scripts/setup.sh as root.");
        }

        _pyrad = PeerProcess.Start(FreeRadius.Python, [Path.Combine(AppContext.BaseDirectory, "Peers", "pyrad_coa_server.py"), SecretText]);
        var ready = await _pyrad.NextLineAsync(Budget);
        if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
        {
            Assert.Fail("pyrad_coa_server.py did not start: " + ready + " " + await _pyrad.ErrorsAsync());
        }

        return new IPEndPoint(IPAddress.Loopback, int.Parse(ready.AsSpan(6), CultureInfo.InvariantCulture));
    }

    private async Task<JsonElement> NextRequestAsync()
    {
        var line = await _pyrad!.NextLineAsync(Budget);
        Assert.True(line is not null, "pyrad printed nothing: " + await _pyrad.ErrorsAsync());
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pyrad is not null)
        {
            await _pyrad.DisposeAsync();
        }

        _meters.Dispose();
    }
}
