namespace SpeedUp.Simulator.Tests.Coa;

/// <summary>
/// FreeRADIUS radclient, an independent RADIUS implementation, against the simulator's CoA face: it builds the
/// requests with its own encoder and authenticators, and prints an answer only after checking our Response
/// Authenticator.
/// </summary>
public sealed class CoaFaceRadclientTests : IAsyncLifetime
{
    private const string Secret = "coa-radclient-Vb8q";
    private BrasSimulator _simulator = null!;

    public async ValueTask InitializeAsync() =>
        _simulator = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, Coa = new CoaFaceOptions { Secret = Secret } },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Radclient_CoaWithHuaweiAttributes_AckAndRatesChange()
    {
        var (exit, output) = await RadclientTool.RunAsync(_simulator.CoaEndpoint, "coa", Secret,
            "User-Name = \"zj0571a0001\"\nHuawei-Input-Average-Rate = 16000000\nHuawei-Output-Average-Rate = 200000000\nMessage-Authenticator = 0x00\n");

        Assert.True(exit == 0, "radclient exit " + exit + ": " + output);
        Assert.Contains("Received CoA-ACK", output, StringComparison.Ordinal);
        var line = _simulator.State.FindByAccount("zj0571a0001")!;
        Assert.Equal((16_000, 200_000), (line.UpKbps, line.DownKbps));
        Assert.Equal("COA User-Name=\"zj0571a0001\" Huawei-Input-Average-Rate=16000000 Huawei-Output-Average-Rate=200000000",
            Assert.Single(_simulator.Received.Since(0, CommandFace.Coa)).Text);
    }

    [Fact]
    public async Task Radclient_CoaForUnknownUser_NakWithErrorCausePrinted()
    {
        var (_, output) = await RadclientTool.RunAsync(_simulator.CoaEndpoint, "coa", Secret,
            "User-Name = \"nobody0001\"\nHuawei-Output-Average-Rate = 200000000\n");

        Assert.Contains("Received CoA-NAK", output, StringComparison.Ordinal);
        Assert.Contains("Error-Cause = Session-Context-Not-Found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Radclient_WrongSecret_NoReplyAndRateUnchanged()
    {
        var (exit, output) = await RadclientTool.RunAsync(_simulator.CoaEndpoint, "coa", "not-the-secret",
            "User-Name = \"zj0571a0001\"\nHuawei-Output-Average-Rate = 200000000\n");

        Assert.NotEqual(0, exit);
        Assert.Contains("No reply from server", output, StringComparison.Ordinal);
        Assert.Equal(50_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
        Assert.True(_simulator.Coa!.DroppedByReason["bad_authenticator"] >= 1);
    }

    [Fact]
    public async Task Radclient_Disconnect_AckAndPlanRatesBack()
    {
        await RadclientTool.RunAsync(_simulator.CoaEndpoint, "coa", Secret, "User-Name = \"zj0571a0002\"\nHuawei-Output-Average-Rate = 180000000\n");
        Assert.Equal(180_000, _simulator.State.FindByAccount("zj0571a0002")!.DownKbps);

        var (exit, output) = await RadclientTool.RunAsync(_simulator.CoaEndpoint, "disconnect", Secret, "User-Name = \"zj0571a0002\"\n");

        Assert.True(exit == 0, "radclient exit " + exit + ": " + output);
        Assert.Contains("Received Disconnect-ACK", output, StringComparison.Ordinal);
        Assert.True(_simulator.State.FindByAccount("zj0571a0002")!.AtBaseRates);
    }
}
