using System.Net;
using System.Net.Sockets;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Simulator.Tests.Coa;

/// <summary>
/// The simulator's CoA face (RFC 5176) on the same line state as its CLI and SNMP faces, driven by our own
/// <see cref="RadiusClient"/> on loopback: ACK and rate change, NAKs with their Error-Cause, silent drops, faults.
/// </summary>
public sealed class CoaFaceTests : IAsyncLifetime
{
    private const string Secret = "coa-face-Sk3t";
    private BrasSimulator _simulator = null!;
    private RadiusClient _client = null!;
    private RadiusDictionary _dictionary = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, Coa = new CoaFaceOptions { Secret = Secret } }, Ct);
        _dictionary = RadiusDictionary.Load(CoaRateAttribute.DictionaryFiles.Select(f => Path.Combine(CoaFaceOptions.DefaultDictionaryDirectory, f)));
        _client = new RadiusClient(new RadiusClientOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 0 }, _dictionary);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Coa_HuaweiOutputRateForKnownAccount_AckAndLineChangedAuditedAndReceived()
    {
        var mark = _simulator.Received.LastSequence;

        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal(RadiusCode.CoaAck, answer.Code);
        Assert.Equal(200_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        Assert.Equal(4000, _simulator.State.FindByAccount("zj0571a0001")!.UpKbps);
        var received = Assert.Single(_simulator.Received.Since(mark, CommandFace.Coa));
        Assert.Equal("COA User-Name=\"zj0571a0001\" Huawei-Output-Average-Rate=200000000", received.Text);
        var audit = _simulator.State.AuditLog[^1];
        Assert.Equal((CommandFace.Coa, received.Text, "applied"), (audit.Face, audit.Command, audit.Outcome));
    }

    [Fact]
    public async Task Coa_ZteRatesByAcctSessionIdInKbps_BothDirectionsChange()
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("Acct-Session-Id", "330100002"), ("ZTE-Rate-Ctrl-SCR-Up", "16000"), ("ZTE-Rate-Ctrl-SCR-Down", "150000"));

        Assert.Equal(RadiusCode.CoaAck, answer.Code);
        var line = _simulator.State.FindByBandId(330100002)!;
        Assert.Equal((16_000, 150_000), (line.UpKbps, line.DownKbps));
    }

    [Fact]
    public async Task Coa_UnknownAccount_Nak503AndNothingChanges()
    {
        var before = _simulator.State.Lines;

        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "nobody-here"), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.SessionContextNotFound), (answer.Code, answer.ErrorCause));
        Assert.Equal(before, _simulator.State.Lines);
        Assert.Equal("rejected: session context not found", _simulator.State.AuditLog[^1].Outcome);
    }

    [Theory]
    [InlineData("Filter-Id", "gold", RadiusErrorCause.UnsupportedAttribute)]
    [InlineData("Huawei-Input-Peak-Rate", "1000000", RadiusErrorCause.UnsupportedAttribute)]
    public async Task Coa_UnsupportedAttribute_Nak401(string name, string value, RadiusErrorCause expected)
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), (name, value));

        Assert.Equal((RadiusCode.CoaNak, expected), (answer.Code, answer.ErrorCause));
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
    }

    [Fact]
    public async Task Coa_NoIdentification_Nak402()
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.MissingAttribute), (answer.Code, answer.ErrorCause));
    }

    [Fact]
    public async Task Coa_EmptyUserName_Nak404()
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", ""), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.InvalidRequest), (answer.Code, answer.ErrorCause));
    }

    [Fact]
    public async Task Coa_SharedCgnatAddress_Nak508()
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("Framed-IP-Address", "202.101.172.100"), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.MultipleSessionSelectionUnsupported), (answer.Code, answer.ErrorCause));
    }

    [Theory]
    [InlineData("Huawei-Output-Average-Rate", "200000500")]
    [InlineData("Huawei-Output-Average-Rate", "300000000")]
    public async Task Coa_RateNotWholeKbpsOrOverCapability_Nak407AndUnchanged(string name, string value)
    {
        var answer = await SendAsync(RadiusCode.CoaRequest, ("Framed-IP-Address", "202.101.172.35"), (name, value));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.InvalidAttributeValue), (answer.Code, answer.ErrorCause));
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
    }

    [Fact]
    public async Task Disconnect_KnownSession_AckAndPlanRatesRestored()
    {
        await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"));

        var answer = await SendAsync(RadiusCode.DisconnectRequest, ("User-Name", "zj0571a0001"));

        Assert.Equal(RadiusCode.DisconnectAck, answer.Code);
        Assert.True(_simulator.State.FindByAccount("zj0571a0001")!.AtBaseRates);
    }

    [Fact]
    public async Task Disconnect_CarryingARate_Nak401()
    {
        var answer = await SendAsync(RadiusCode.DisconnectRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.DisconnectNak, RadiusErrorCause.UnsupportedAttribute), (answer.Code, answer.ErrorCause));
    }

    [Fact]
    public async Task Coa_VanishedAccount_Nak503LikeAnUnknownSessionNothingChangesAndOthersStillAck()
    {
        _simulator.Faults.VanishedAccount = "zj0571a0001";
        var before = _simulator.State.FindByAccount("zj0571a0001");

        var byName = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"));
        var byAddress = await SendAsync(RadiusCode.CoaRequest, ("Framed-IP-Address", "202.101.172.35"), ("Huawei-Output-Average-Rate", "200000000"));
        var disconnect = await SendAsync(RadiusCode.DisconnectRequest, ("User-Name", "zj0571a0001"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.SessionContextNotFound), (byName.Code, byName.ErrorCause));
        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.SessionContextNotFound), (byAddress.Code, byAddress.ErrorCause));
        Assert.Equal((RadiusCode.DisconnectNak, RadiusErrorCause.SessionContextNotFound), (disconnect.Code, disconnect.ErrorCause));
        Assert.Equal(before, _simulator.State.FindByAccount("zj0571a0001"));
        Assert.Equal("rejected: session context not found", _simulator.State.AuditLog[^1].Outcome);
        Assert.Equal("zj0571a0001", _simulator.DescribeFaults().VanishedAccount);
        Assert.Equal(RadiusCode.CoaAck, (await SendAsync(RadiusCode.CoaRequest, ("User-Name", "sc028a0001"), ("Huawei-Output-Average-Rate", "60000000"))).Code);

        _simulator.Faults.Clear();

        Assert.Equal(RadiusCode.CoaAck, (await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"))).Code);
        Assert.Equal(200_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
    }

    [Fact]
    public async Task NakStorm_EveryRequestNak506_NothingChanges()
    {
        _simulator.Faults.CoaNakStorm = true;

        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"));

        Assert.Equal((RadiusCode.CoaNak, RadiusErrorCause.ResourcesUnavailable), (answer.Code, answer.ErrorCause));
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        Assert.True(_simulator.DescribeFaults().CoaNakStorm);
    }

    [Fact]
    public async Task AnswersLost_RequestAppliedOnceRetransmissionsNotReappliedNoAnswer()
    {
        _simulator.Faults.CoaAnswersLost = true;
        var auditFrom = _simulator.State.AuditLog.Count;
        var receivedFrom = _simulator.Received.LastSequence;
        await using var retrying = new RadiusClient(new RadiusClientOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 2 }, _dictionary);
        var attributes = new[] { _dictionary.Create("User-Name", "zj0571a0001"), _dictionary.Create("Huawei-Output-Average-Rate", "200000000") };

        await Assert.ThrowsAsync<RadiusTimeoutException>(() =>
            retrying.SendAsync(_simulator.CoaEndpoint, new RadiusSharedSecret(Secret), RadiusCode.CoaRequest, attributes, Ct));

        Assert.Equal(200_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        Assert.Equal(3, _simulator.Received.Since(receivedFrom, CommandFace.Coa).Count); // the request and two retransmissions
        var applied = Assert.Single(_simulator.State.AuditLog.Skip(auditFrom));
        Assert.Equal((CommandFace.Coa, "applied"), (applied.Face, applied.Outcome));
        Assert.True(_simulator.DescribeFaults().CoaAnswersLost);

        _simulator.Faults.Clear();
        var answer = await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "50000000"));
        Assert.Equal(RadiusCode.CoaAck, answer.Code);
        Assert.False(_simulator.DescribeFaults().CoaAnswersLost);
    }

    [Fact]
    public async Task WrongSecret_DroppedSilentlyCountedAndUnchanged()
    {
        using var raw = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var attributes = new[] { _dictionary.Create("User-Name", "zj0571a0001"), _dictionary.Create("Huawei-Output-Average-Rate", "200000000") };
        await using var wrong = new RadiusClient(new RadiusClientOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 }, _dictionary);

        await Assert.ThrowsAsync<RadiusTimeoutException>(() =>
            wrong.SendAsync(_simulator.CoaEndpoint, new RadiusSharedSecret("not-the-secret"), RadiusCode.CoaRequest, attributes, Ct));

        Assert.Equal(1, _simulator.Coa!.DroppedByReason["bad_authenticator"]);
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        Assert.Empty(_simulator.Received.Since(0, CommandFace.Coa));
    }

    [Fact]
    public async Task DropRatioOne_NoAnswerThenClearedAnswersAgain()
    {
        _simulator.Faults.CoaDropRatio = 1;
        await using var impatient = new RadiusClient(new RadiusClientOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 }, _dictionary);
        var attributes = new[] { _dictionary.Create("User-Name", "zj0571a0001"), _dictionary.Create("Huawei-Output-Average-Rate", "200000000") };

        await Assert.ThrowsAsync<RadiusTimeoutException>(() =>
            impatient.SendAsync(_simulator.CoaEndpoint, new RadiusSharedSecret(Secret), RadiusCode.CoaRequest, attributes, Ct));
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        await _simulator.ClearFaultsAsync(Ct);

        Assert.Equal(RadiusCode.CoaAck, (await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Output-Average-Rate", "200000000"))).Code);
    }

    [Fact]
    public async Task CliFace_SeesTheRateTheCoaFaceSet()
    {
        await SendAsync(RadiusCode.CoaRequest, ("User-Name", "zj0571a0001"), ("Huawei-Input-Average-Rate", "12000000"));
        await using var cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await cli.ReadUntilAsync("<CT-BRAS-01>");

        var output = await cli.CommandAsync("display access-user user-name zj0571a0001", "<CT-BRAS-01>");

        Assert.Contains("12000", output, StringComparison.Ordinal);
    }

    private Task<RadiusPacket> SendAsync(RadiusCode code, params (string Name, string Value)[] attributes) =>
        _client.SendAsync(_simulator.CoaEndpoint, new RadiusSharedSecret(Secret), code,
            [.. attributes.Select(a => a.Value.Length == 0 ? RadiusAttribute.Create(RadiusAttributeTypes.UserName, []) : _dictionary.Create(a.Name, a.Value))], Ct);
}
