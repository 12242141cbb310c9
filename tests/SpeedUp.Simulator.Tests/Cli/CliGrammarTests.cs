using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The CLI grammar of docs/simulator.md, exercised byte-exact over the Unix socket.</summary>
public sealed class CliGrammarTests : IAsyncLifetime
{
    private const string User = "<CT-BRAS-01>";
    private const string System = "[CT-BRAS-01]";
    private const string Aaa = "[CT-BRAS-01-aaa]";
    private const string More = "  ---- More ----";
    private const string Wipe = "\u001b[42D                                          \u001b[42D";
    private const string Rule = "  ------------------------------------------------------------------------------";
    private BrasSimulator _simulator = null!;
    private UnixCliClient _cli = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed }, CancellationToken.None);
        _cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        var banner = await _cli.ReadUntilAsync(User);
        Assert.StartsWith("\r\nInfo: The max number of VTY users is 50", banner, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _cli.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task DisplayAccessUser_ByAccount_EchoesCommandAndPrintsTheBlock()
    {
        var output = await _cli.CommandAsync("display access-user user-name zj0571a0001", User);
        var expected = string.Join("\r\n",
            "display access-user user-name zj0571a0001",
            Rule,
            "  User access index             : 1",
            "  User name                     : zj0571a0001",
            "  Band id                       : 330100001",
            "  User IP address               : 202.101.172.35",
            "  NAT port block                : 0-65535",
            "  Line capability up (kbps)     : 20000",
            "  Line capability down (kbps)   : 200000",
            "  Speed-up permitted            : yes",
            "  Inbound CAR CIR (kbps)        : 4000",
            "  Outbound CAR CIR (kbps)       : 50000",
            Rule,
            User);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task AccessUserCar_ThroughSystemAndAaaViews_AppliesRatesWithTheRightPrompts()
    {
        Assert.Equal("system-view\r\nEnter system view, return user view with return command.\r\n" + System,
            await _cli.CommandAsync("system-view", System));
        Assert.Equal("aaa\r\n" + Aaa, await _cli.CommandAsync("aaa", Aaa));
        Assert.Equal("access-user user-name zj0571a0001 car inbound cir 12000\r\n" + Aaa,
            await _cli.CommandAsync("access-user user-name zj0571a0001 car inbound cir 12000", Aaa));
        await _cli.CommandAsync("access-user user-name zj0571a0001 car outbound cir 150000", Aaa);
        Assert.Equal("quit\r\n" + System, await _cli.CommandAsync("quit", System));
        Assert.Contains("  Inbound CAR CIR (kbps)        : 12000\r\n  Outbound CAR CIR (kbps)       : 150000\r\n",
            await _cli.CommandAsync("display access-user user-name zj0571a0001", System), StringComparison.Ordinal);
        Assert.Equal("return\r\n" + User, await _cli.CommandAsync("return", User));

        var line = _simulator.State.FindByAccount("zj0571a0001")!;
        Assert.Equal((12000, 150000), (line.UpKbps, line.DownKbps));
        Assert.Equal(
            ["access-user user-name zj0571a0001 car inbound cir 12000", "access-user user-name zj0571a0001 car outbound cir 150000"],
            _simulator.State.AuditLog.Select(e => e.Command));
        Assert.All(_simulator.State.AuditLog, e => Assert.Equal(CommandFace.Cli, e.Face));

        await _cli.SendAsync("quit\r");
        Assert.True(await _cli.WaitClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task DisplayAccessUser_ByAddress_ShowsEveryCgnatLineOrNoUser()
    {
        await _cli.CommandAsync("screen-length 0 temporary", User);
        var output = await _cli.CommandAsync("display access-user ip-address 202.101.172.100", User);
        Assert.Equal(3, output.Split("User name").Length - 1);
        Assert.Contains("NAT port block                : 2048-3071", output, StringComparison.Ordinal);
        Assert.DoesNotContain("---- More ----", output, StringComparison.Ordinal);

        Assert.Equal("display access-user ip-address 10.1.2.3\r\nInfo: no online user.\r\n" + User,
            await _cli.CommandAsync("display access-user ip-address 10.1.2.3", User));
        Assert.Equal("display access-user user-name nobody\r\nInfo: no online user.\r\n" + User,
            await _cli.CommandAsync("display access-user user-name nobody", User));
    }

    [Theory]
    [InlineData("dis foo", 4, "Error: Unrecognized command found at '^' position.")]
    [InlineData("aaa", 0, "Error: Unrecognized command found at '^' position.")]
    [InlineData("s", 0, "Error: Ambiguous command found at '^' position.")]
    [InlineData("display access-user", 20, "Error: Incomplete command found at '^' position.")]
    [InlineData("display access-user ip-address 1.2.3.999", 31, "Error: Wrong parameter found at '^' position.")]
    [InlineData("display access-user user-name a/b", 30, "Error: Wrong parameter found at '^' position.")]
    [InlineData("display access-user user-name zj0571a0001 x", 42, "Error: Unrecognized command found at '^' position.")]
    [InlineData("screen-length abc temporary", 14, "Error: Wrong parameter found at '^' position.")]
    public async Task Command_SyntaxError_PutsCaretUnderOffendingWord(string command, int column, string error)
    {
        var caret = new string(' ', User.Length + column) + "^";
        Assert.Equal(command + "\r\n" + caret + "\r\n" + error + "\r\n" + User, await _cli.CommandAsync(command, User));
    }

    [Theory]
    [InlineData("access-user user-name nobody car inbound cir 1000", "Error: The user does not exist.")]
    [InlineData("access-user user-name zj0571a0001 car inbound cir 20001", "Error: The CIR value is out of the line capability.")]
    [InlineData("access-user user-name zj0571a0001 car outbound cir 63", "Error: The CIR value is out of the line capability.")]
    [InlineData("access-user user-name sn029a0002 car outbound cir 100001", "Error: The CIR value is out of the line capability.")]
    public async Task AccessUserCar_RejectedChange_PrintsTheDeviceError(string command, string error)
    {
        await _cli.CommandAsync("system-view", System);
        await _cli.CommandAsync("aaa", Aaa);
        Assert.Equal(command + "\r\n" + error + "\r\n" + Aaa, await _cli.CommandAsync(command, Aaa));
        Assert.All(_simulator.State.Lines, l => Assert.True(l.AtBaseRates));
        Assert.StartsWith("rejected", Assert.Single(_simulator.State.AuditLog).Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessUserCar_BadRateNumber_IsWrongParameter()
    {
        await _cli.CommandAsync("system-view", System);
        await _cli.CommandAsync("aaa", Aaa);
        var output = await _cli.CommandAsync("access-user user-name zj0571a0001 car inbound cir 12k", Aaa);
        Assert.Equal("access-user user-name zj0571a0001 car inbound cir 12k\r\n" + new string(' ', 16 + 50) + "^\r\n"
            + "Error: Wrong parameter found at '^' position.\r\n" + Aaa, output);
    }

    [Fact]
    public async Task DisplayAccessUser_LongerThanAPage_StopsAtMoreUntilSpace()
    {
        await _cli.SendAsync("display access-user ip-address 202.101.172.100\r");
        var firstPage = await _cli.ReadUntilAsync(More);
        Assert.Equal(24, firstPage.Split("\r\n").Length - 2); // echo line + 24 lines, then the pager
        await _cli.SendAsync(" ");
        var rest = await _cli.ReadUntilAsync(User);
        Assert.StartsWith(Wipe + Rule + "\r\n  User access index", rest, StringComparison.Ordinal);
        Assert.Equal(12, rest.Split("\r\n").Length - 1);
    }

    [Fact]
    public async Task Pager_QPressed_EndsTheOutput()
    {
        await _cli.SendAsync("display access-user ip-address 202.101.172.100\r");
        await _cli.ReadUntilAsync(More);
        await _cli.SendAsync("q");
        Assert.Equal(Wipe + User, await _cli.ReadUntilAsync(User));
    }

    [Fact]
    public async Task LineEditing_BackspacesTerminatorsAndAbbreviations_AreHandled()
    {
        await _cli.SendAsync("disx\u007fplay access-user user-nx\bame zj0571a0001\r\n");
        var output = await _cli.ReadUntilAsync(User);
        Assert.StartsWith("disx\b \bplay access-user user-nx\b \bame zj0571a0001\r\n" + Rule, output, StringComparison.Ordinal);

        await _cli.SendAsync("dis acc u zj0571a0002\nsys\r\n");
        output = await _cli.ReadUntilAsync(System);
        Assert.Contains("  User name                     : zj0571a0002", output, StringComparison.Ordinal);
        Assert.EndsWith(User + "sys\r\nEnter system view, return user view with return command.\r\n" + System, output, StringComparison.Ordinal);

        Assert.Equal("\r\n" + System, await _cli.CommandAsync("", System));
    }

    [Fact]
    public async Task Faults_LatencyAndDropOnNextCommand_DelayThenDropTheConnection()
    {
        Assert.Equal("simulator fault latency 300\r\nInfo: Command latency is 300 ms.\r\n" + User,
            await _cli.CommandAsync("simulator fault latency 300", User));
        var watch = global::System.Diagnostics.Stopwatch.StartNew();
        await _cli.CommandAsync("display access-user user-name zj0571a0001", User);
        Assert.True(watch.ElapsedMilliseconds >= 290, "latency applied: " + watch.ElapsedMilliseconds);
        _simulator.Faults.Clear();

        _simulator.Faults.DropConnectionOnNextCommand();
        await _cli.SendAsync("display access-user user-name zj0571a0001\r");
        Assert.True(await _cli.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.False(_simulator.Faults.DropArmed);

        await using var again = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await again.ReadUntilAsync(User);
        Assert.Contains("User name", await again.CommandAsync("display access-user user-name zj0571a0001", User), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatorReboot_WithOpenSessions_RestoresBaseRatesAnswersAndClosesEverySession()
    {
        await using var other = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await other.ReadUntilAsync(User);
        _simulator.State.SetRate(new RateChange(330100001, RateDirection.Down, 100000), CommandFace.Control, "t");

        await _cli.SendAsync("simulator reboot\r");
        Assert.Equal(
            "simulator reboot\r\nInfo: Every line is back at its base rate.\r\nInfo: Rebooting; every session is closed.\r\n",
            await _cli.ReadUntilAsync("closed.\r\n"));
        Assert.True(await _cli.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.True(await other.WaitClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.True(_simulator.State.FindByBandId(330100001)!.AtBaseRates);
        Assert.Equal(CommandFace.Cli, _simulator.State.AuditLog[^1].Face);
    }
}
