using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The launcher's HTTP/JSON control endpoint, in process over real simulators, called with HttpClient.</summary>
public sealed class SimulatorControlServerTests : IAsyncLifetime
{
    private BrasSimulator _telecom = null!;
    private BrasSimulator _unicom = null!;
    private SimulatorControlServer _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _telecom = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed }, CancellationToken.None);
        _unicom = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed, CliDialect = CliDialects.Zte }, CancellationToken.None);
        _server = SimulatorControlServer.Start([("china-telecom", _telecom), ("china-unicom", _unicom)], 0);
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _telecom.DisposeAsync();
        await _unicom.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, Ct);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public void Start_FromNonLoopbackAddress_RefusesConnections()
    {
        Assert.Equal("127.0.0.1", _server.BaseAddress.Host);
        var other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (other is not null)
        {
            using var tcp = new TcpClient();
            Assert.ThrowsAny<SocketException>(() => tcp.Connect(other, _server.BaseAddress.Port));
        }
    }

    [Fact]
    public async Task GetNetworks_TwoSimulators_ListsNamesPortsAndCurrentFaults()
    {
        _unicom.Faults.SnmpDark = true;

        var (status, body) = await SendAsync(HttpMethod.Get, "networks");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["china-telecom", "china-unicom"], body.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        var telecom = body[0];
        Assert.Equal("CT-BRAS-01", telecom.GetProperty("hostname").GetString());
        Assert.Equal(_telecom.SnmpEndpoint.Port, telecom.GetProperty("snmpPort").GetInt32());
        Assert.Equal(JsonValueKind.Null, telecom.GetProperty("sshPort").ValueKind);
        Assert.Equal(_telecom.CliSocketPath, telecom.GetProperty("cliSocket").GetString());
        Assert.False(telecom.GetProperty("faults").GetProperty("snmpDark").GetBoolean());
        Assert.True(body[1].GetProperty("faults").GetProperty("snmpDark").GetBoolean());
        Assert.Equal("zte", body[1].GetProperty("cliDialect").GetString());
    }

    [Fact]
    public async Task PostFaults_EveryField_SetsThemAndDeleteClearsThem()
    {
        var (status, faults) = await SendAsync(HttpMethod.Post, "networks/china-telecom/faults", """
            { "cliLatencyMs": 250, "cliLineDelayMs": 20, "snmpLatencyMs": 300, "snmpDropRatio": 0.5, "cliDropRatio": 0.25,
              "snmpDark": true, "garble": "junk", "forcePaging": true, "dropNext": true, "seed": 7 }
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new SimulatorFaultState(250, 20, true, GarbleMode.Junk, true, 0.25, 300, 0.5, true, false), _telecom.DescribeFaults());
        Assert.Equal(250, faults.GetProperty("cliLatencyMs").GetInt64());
        Assert.Equal("junk", faults.GetProperty("garble").GetString());
        Assert.Equal(0.5, faults.GetProperty("snmpDropRatio").GetDouble());
        Assert.Equal(new SimulatorFaultState(0, 0, false, GarbleMode.None, false, 0, 0, 0, false, false), _unicom.DescribeFaults());

        (status, faults) = await SendAsync(HttpMethod.Delete, "networks/china-telecom/faults");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new SimulatorFaultState(0, 0, false, GarbleMode.None, false, 0, 0, 0, false, false), _telecom.DescribeFaults());
        Assert.False(faults.GetProperty("snmpDark").GetBoolean());
    }

    [Fact]
    public async Task PostFaults_ForcedPageLengthAndVanishedAccount_RoundTripAndDeleteResetsThem()
    {
        var (status, faults) = await SendAsync(HttpMethod.Post, "networks/china-telecom/faults",
            """{ "forcePaging": true, "forcedPageLength": 5, "vanishedAccount": "zj0571a0001" }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, faults.GetProperty("forcedPageLength").GetInt32());
        Assert.Equal("zj0571a0001", faults.GetProperty("vanishedAccount").GetString());
        Assert.Equal((5, "zj0571a0001"), (_telecom.Faults.ForcedPageLength, _telecom.Faults.VanishedAccount));
        (status, faults) = await SendAsync(HttpMethod.Get, "networks/china-telecom/faults");
        Assert.Equal((HttpStatusCode.OK, 5, "zj0571a0001"),
            (status, faults.GetProperty("forcedPageLength").GetInt32(), faults.GetProperty("vanishedAccount").GetString()));

        (status, faults) = await SendAsync(HttpMethod.Post, "networks/china-telecom/faults", """{ "vanishedAccount": null }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, faults.GetProperty("vanishedAccount").ValueKind);
        Assert.Equal(5, faults.GetProperty("forcedPageLength").GetInt32());

        (status, faults) = await SendAsync(HttpMethod.Delete, "networks/china-telecom/faults");

        Assert.Equal(24, faults.GetProperty("forcedPageLength").GetInt32());
        Assert.Equal(new SimulatorFaultState(0, 0, false, GarbleMode.None, false, 0, 0, 0, false, false), _telecom.DescribeFaults());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("""{ "snmpDropRatio": 1.5 }""", "'snmpDropRatio' must be a number from 0 to 1")]
    [InlineData("""{ "cliLatencyMs": -1 }""", "'cliLatencyMs' must be an integer number of milliseconds")]
    [InlineData("""{ "cliLatencyMs": "100" }""", "'cliLatencyMs' must be an integer number of milliseconds")]
    [InlineData("""{ "snmpDark": 1 }""", "'snmpDark' must be true or false")]
    [InlineData("""{ "garble": "loud" }""", "'garble' must be")]
    [InlineData("""{ "sshDark": true }""", "no SSH front")]
    [InlineData("""{ "cliLatencyMs": 100, "latency": 5 }""", "Unknown fault field 'latency'")]
    [InlineData("""{ "forcedPageLength": 1 }""", "'forcedPageLength' must be an integer from 2 to 512")]
    [InlineData("""{ "forcedPageLength": 513 }""", "'forcedPageLength' must be an integer from 2 to 512")]
    [InlineData("""{ "forcedPageLength": "5" }""", "'forcedPageLength' must be an integer from 2 to 512")]
    [InlineData("""{ "vanishedAccount": 5 }""", "'vanishedAccount' must be null or an account")]
    [InlineData("""{ "forcedPageLength": 5, "vanishedAccount": "no spaces" }""", "'vanishedAccount' must be null or an account")]
    public async Task PostFaults_BadBody_Is400WithClearMessageAndChangesNothing(string json, string message)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "networks/china-telecom/faults", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, _telecom.Faults.CommandLatency);
        Assert.Equal(new SimulatorFaultState(0, 0, false, GarbleMode.None, false, 0, 0, 0, false, false), _telecom.DescribeFaults());
    }

    [Theory]
    [InlineData("GET", "networks/nowhere/faults", HttpStatusCode.NotFound, "Unknown network 'nowhere'")]
    [InlineData("POST", "networks/nowhere/reboot", HttpStatusCode.NotFound, "Unknown network 'nowhere'")]
    [InlineData("GET", "elsewhere", HttpStatusCode.NotFound, "No such resource")]
    [InlineData("GET", "networks/china-telecom/teapot", HttpStatusCode.NotFound, "No such resource")]
    [InlineData("GET", "networks/china-telecom/reboot", HttpStatusCode.MethodNotAllowed, "only POST")]
    [InlineData("PUT", "networks/china-telecom/faults", HttpStatusCode.MethodNotAllowed, "not allowed")]
    public async Task Request_UnknownNetworkResourceOrMethod_IsJsonError(string method, string path, HttpStatusCode expected, string message)
    {
        var (status, body) = await SendAsync(new HttpMethod(method), path, method is "PUT" ? "{}" : null);

        Assert.Equal(expected, status);
        Assert.Contains(message, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReboot_AfterRateChange_ResetsRatesClosesCliSessionsAndIsAudited()
    {
        await using var cli = await UnixCliClient.ConnectAsync(_telecom.CliSocketPath);
        await cli.ReadUntilAsync("<CT-BRAS-01>");
        _telecom.State.SetRate(new RateChange(330100001, RateDirection.Down, 150000), CommandFace.Control, "speed up");

        var (status, body) = await SendAsync(HttpMethod.Post, "networks/china-telecom/reboot");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("rebooted").GetBoolean());
        Assert.True(await cli.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.True(_telecom.State.FindByBandId(330100001)!.AtBaseRates);

        (status, body) = await SendAsync(HttpMethod.Get, "networks/china-telecom/audit");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.EnumerateArray().ToList();
        Assert.Equal(_telecom.State.AuditLog.Count, entries.Count);
        Assert.Equal("speed up", entries[^2].GetProperty("command").GetString());
        Assert.Equal("Control", entries[^1].GetProperty("face").GetString());
        Assert.Equal("reboot", entries[^1].GetProperty("command").GetString());
        Assert.True(DateTimeOffset.TryParse(entries[^1].GetProperty("timestamp").GetString(), out _));
    }

    [Fact]
    public async Task GetReceived_ListsTheCliLinesSinceASequence_BadQueriesAre400()
    {
        var mark = _telecom.Received.LastSequence;
        await using (var cli = await UnixCliClient.ConnectAsync(_telecom.CliSocketPath))
        {
            await cli.ReadUntilAsync("<CT-BRAS-01>");
            await cli.CommandAsync("display current-configuration", "<CT-BRAS-01>");
        }

        var (status, body) = await SendAsync(HttpMethod.Get, $"networks/china-telecom/received?face=cli&since={mark}");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.GetProperty("received").EnumerateArray().ToList();
        Assert.Equal(["display current-configuration"], entries.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal("Cli", entries[0].GetProperty("face").GetString());
        Assert.Equal(mark + 1, entries[0].GetProperty("sequence").GetInt64());
        Assert.Equal(_telecom.Received.LastSequence, body.GetProperty("lastSequence").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Get, "networks/china-telecom/received?since=-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Get, "networks/china-telecom/received?face=ssh")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(HttpMethod.Delete, "networks/china-telecom/received")).Status);
    }
}
