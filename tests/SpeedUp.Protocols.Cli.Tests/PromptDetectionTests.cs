namespace SpeedUp.Protocols.Cli.Tests;

public sealed class PromptDetectionTests
{
    [Theory]
    [InlineData("<ZJ-HZ-ME60-X16_01>")]
    [InlineData("[~BRAS]")]
    [InlineData("[*BRAS-aaa]")]
    [InlineData("[BRAS-aaa]")]
    [InlineData("HRP_M<BRAS-01>")]
    [InlineData("HRP_S[BRAS-01-aaa]")]
    [InlineData("<CT.BRAS(01)/hz#2>")]
    public async Task SendCommand_OddHostnames_PromptDetected(string prompt)
    {
        var transport = ScriptedDevice.Create(prompt, new Dictionary<string, string> { ["display x"] = "  value : 1\r\n" });
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display x", TestContext.Current.CancellationToken);

        Assert.Equal(prompt, response.Prompt);
        Assert.Equal("  value : 1", response.Output);
        Assert.False(response.Failed);
    }

    [Fact]
    public async Task SendCommand_PromptLookalikeInsideOutput_ReadsToRealPrompt()
    {
        var body = "  User name : <BRAS>\r\n  Peer        : [BRAS]\r\n  <BRAS> is not a prompt here\r\n";
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string> { ["display y"] = body });
        transport.ChunkSize = 1;
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display y", TestContext.Current.CancellationToken);

        Assert.Equal("  User name : <BRAS>\n  Peer        : [BRAS]\n  <BRAS> is not a prompt here", response.Output);
    }

    [Fact]
    public async Task SendCommand_PromptSplitAcrossReads_Detected()
    {
        var transport = ScriptedDevice.Create("[ZJ-HZ-ME60-X16_01-aaa]", new Dictionary<string, string> { ["aaa"] = "" });
        transport.ChunkSize = 3;
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("aaa", TestContext.Current.CancellationToken);

        Assert.Equal("[ZJ-HZ-ME60-X16_01-aaa]", response.Prompt);
        Assert.Equal("", response.Output);
        Assert.Equal("[ZJ-HZ-ME60-X16_01-aaa]", channel.LastPrompt);
    }

    [Fact]
    public async Task Open_RunsOnOpenCommands()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string>
        {
            ["screen-length 0 temporary"] = "Info: The configuration takes effect on the current user terminal interface only.\r\n",
        });

        await using var channel = await ScriptedDevice.OpenAsync(transport, TestDialect.WithOnOpen("screen-length 0 temporary"));

        Assert.True(channel.IsOpen);
        Assert.Equal(["screen-length 0 temporary\r"], transport.Writes);
    }
}
