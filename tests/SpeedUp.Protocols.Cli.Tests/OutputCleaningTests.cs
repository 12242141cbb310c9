namespace SpeedUp.Protocols.Cli.Tests;

public sealed class OutputCleaningTests
{
    [Fact]
    public async Task SendCommand_EchoStripped()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string> { ["display version"] = "VRP (R) software\r\n" });
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display version", TestContext.Current.CancellationToken);

        Assert.Equal("VRP (R) software", response.Output);
        Assert.Equal("display version", response.Command);
    }

    [Fact]
    public async Task SendCommand_EchoAfterReprintedPrompt_Stripped()
    {
        var transport = new InMemoryTransport(_ => "<BRAS>display version\r\nVRP\r\n<BRAS>", "<BRAS>");
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display version", TestContext.Current.CancellationToken);

        Assert.Equal("VRP", response.Output);
    }

    [Fact]
    public async Task SendCommand_EchoWrappedOverTwoLines_Stripped()
    {
        var command = "access-user user-name zj0571a0001 car inbound cir 8000";
        var transport = new InMemoryTransport(_ => "access-user user-name zj0571a00\r\n01 car inbound cir 8000\r\n[BRAS-aaa]", "[BRAS-aaa]");
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync(command, TestContext.Current.CancellationToken);

        Assert.Equal("", response.Output);
    }

    [Fact]
    public async Task SendCommand_DeviceWithoutEcho_OutputKept()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string> { ["display clock"] = "2026-01-01 00:00:00\r\n" }, echo: false);
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display clock", TestContext.Current.CancellationToken);

        Assert.Equal("2026-01-01 00:00:00", response.Output);
    }

    [Fact]
    public async Task SendCommand_ColourAndCursorEscapes_Removed()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string>
        {
            ["display x"] = "\u001b[1mbold\u001b[0m text\r\nabc\u001b[2Dxy\r\nlong line\u001b[5D\u001b[Kshort\r\n",
        });
        transport.ChunkSize = 2;
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display x", TestContext.Current.CancellationToken);

        Assert.Equal("bold text\naxy\nlongshort", response.Output);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task SendCommand_PagedOutput_PagerAnsweredAndWiped(int chunkSize)
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"  Line {i,2}  : value {i}").ToArray();
        const string Pager = "  ---- More ----";
        var wipe = "\u001b[42D" + new string(' ', 42) + "\u001b[42D";
        var transport = new InMemoryTransport(
            input => input switch
            {
                "display big\r" => "display big\r\n" + string.Join("\r\n", lines[..24]) + "\r\n" + Pager,
                " " => wipe + string.Join("\r\n", lines[24..]) + "\r\n<BRAS>",
                _ => null,
            },
            "<BRAS>")
        { ChunkSize = chunkSize };
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display big", TestContext.Current.CancellationToken);

        Assert.Equal(string.Join("\n", lines), response.Output);
        Assert.Equal(["display big\r", " "], transport.Writes);
    }

    [Fact]
    public async Task SendCommand_ErrorLine_FailedWithDeviceLine()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string>
        {
            ["dispaly x"] = "              ^\r\nError: Unrecognized command found at '^' position.\r\n",
        });
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("dispaly x", TestContext.Current.CancellationToken);

        Assert.True(response.Failed);
        Assert.Equal("Error: Unrecognized command found at '^' position.", response.ErrorLine);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task SendCommand_InfoLine_NotFailed()
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string> { ["display access-user user-name x"] = "Info: no online user.\r\n" });
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var response = await channel.SendCommandAsync("display access-user user-name x", TestContext.Current.CancellationToken);

        Assert.False(response.Failed);
        Assert.Equal("Info: no online user.", response.Output);
    }
}
