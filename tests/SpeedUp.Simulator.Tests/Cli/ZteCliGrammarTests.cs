using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The ZTE CLI grammar of docs/simulator.md, exercised byte-exact over the Unix socket.</summary>
public sealed class ZteCliGrammarTests : IAsyncLifetime
{
    /// <summary>The ZTE face's fixed texts.</summary>
    private static class Z
    {
        public const string EnterConfig = "Enter configuration commands, one per line.  End with CNTL/Z.";
        public const string ConfirmQuestion = "Rate above 100000 kbps affects the uplink share. Continue? [yes/no]:";
        public const string InvalidInput = "% Invalid input detected at '^' marker.";
        public const string Incomplete = "% Incomplete command.";
        public const string UnknownSubscriber = "% Unknown subscriber.";
        public const string ExceedsCapability = "% Rate exceeds line capability.";
    }

    private const string Exec = "CU-BRAS-01#";
    private const string Config = "CU-BRAS-01(config)#";
    private const string More = " --More-- ";
    private const string Rule = "------------------------------------------------------------";
    private const string Wipe = "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b\u001b[K";
    private BrasSimulator _simulator = null!;
    private UnixCliClient _cli = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed, CliDialect = CliDialects.Zte }, CancellationToken.None);
        _cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        var banner = await _cli.ReadUntilAsync(Exec);
        Assert.Equal("\r\nZXR10 M6000-S BRAS simulator, VTY 1 of 50\r\n\r\n" + Exec, banner);
    }

    public async ValueTask DisposeAsync()
    {
        await _cli.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task ShowSubscriber_ByUserName_PrintsKeyValueBlockAndTotal()
    {
        var output = await _cli.CommandAsync("show subscriber user-name bj010u0001", Exec);

        var expected = string.Join("\r\n",
            "show subscriber user-name bj010u0001",
            Rule,
            "User-name              : bj010u0001",
            "Band-id                : 411000001",
            "IPv4-address           : 202.106.0.20",
            "NAT-port-range         : 0-65535",
            "Upstream-rate(kbps)    : 4000",
            "Downstream-rate(kbps)  : 50000",
            "Max-upstream(kbps)     : 20000",
            "Max-downstream(kbps)   : 300000",
            "Speedup-permitted      : yes",
            Rule,
            "Total subscribers: 1",
            Exec);
        Assert.Equal(expected, output);
    }

    [Fact]
    public async Task ShowSubscriber_ByCgnatIpv4Address_ListsEverySubscriberBehindIt()
    {
        await _cli.CommandAsync("terminal length 0", Exec);

        var output = await _cli.CommandAsync("sh sub ipv4 58.240.57.100", Exec);

        Assert.Equal(3, output.Split("User-name").Length - 1);
        Assert.Contains("NAT-port-range         : 2048-3071", output, StringComparison.Ordinal);
        Assert.EndsWith("Total subscribers: 3\r\n" + Exec, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowSubscriber_UnknownAddressOrAccount_PrintsZeroTotalNotAnError()
    {
        Assert.Equal("show subscriber ipv4-address 10.1.2.3\r\nTotal subscribers: 0\r\n" + Exec,
            await _cli.CommandAsync("show subscriber ipv4-address 10.1.2.3", Exec));
        Assert.Equal("show subscriber user-name nobody\r\nTotal subscribers: 0\r\n" + Exec,
            await _cli.CommandAsync("show subscriber user-name nobody", Exec));
    }

    [Fact]
    public async Task ConfigureTerminal_RateLimitThenEnd_SetsRatesAndReturnsToExec()
    {
        Assert.Equal("configure terminal\r\n" + Z.EnterConfig + "\r\n" + Config,
            await _cli.CommandAsync("configure terminal", Config));
        Assert.Equal("subscriber bj010u0001 rate-limit downstream 80000\r\n" + Config,
            await _cli.CommandAsync("subscriber bj010u0001 rate-limit downstream 80000", Config));
        Assert.Equal("subscriber bj010u0001 rate-limit upstream 8000\r\n" + Config,
            await _cli.CommandAsync("subscriber bj010u0001 rate-limit upstream 8000", Config));
        Assert.Equal("end\r\n" + Exec, await _cli.CommandAsync("end", Exec));

        var line = _simulator.State.FindByAccount("bj010u0001")!;
        Assert.Equal((8000, 80000), (line.UpKbps, line.DownKbps));
    }

    [Fact]
    public async Task RateLimit_AboveThreshold_AsksYesNoAndAppliesOnlyOnYes()
    {
        await _cli.CommandAsync("configure terminal", Config);

        Assert.Equal("subscriber bj010u0001 rate-limit downstream 200000\r\n" + Z.ConfirmQuestion,
            await _cli.CommandAsync("subscriber bj010u0001 rate-limit downstream 200000", Z.ConfirmQuestion));
        Assert.Equal("no\r\n% Command aborted.\r\n" + Config, await _cli.CommandAsync("no", Config));
        Assert.Equal(50000, _simulator.State.FindByAccount("bj010u0001")!.DownKbps);

        await _cli.CommandAsync("subscriber bj010u0001 rate-limit downstream 200000", Z.ConfirmQuestion);
        Assert.Equal("yes\r\n" + Config, await _cli.CommandAsync("yes", Config));
        Assert.Equal(200000, _simulator.State.FindByAccount("bj010u0001")!.DownKbps);
    }

    [Fact]
    public async Task Command_InvalidOrRejected_PrintsPercentLinesAndCaretUnderOffendingWord()
    {
        Assert.Equal("show subscriber vlan 7\r\n" + new string(' ', Exec.Length + 16) + "^\r\n" + Z.InvalidInput + "\r\n" + Exec,
            await _cli.CommandAsync("show subscriber vlan 7", Exec));
        Assert.Equal("show subscriber\r\n" + Z.Incomplete + "\r\n" + Exec, await _cli.CommandAsync("show subscriber", Exec));
        Assert.Equal("show subscriber user-name a;b\r\n" + new string(' ', Exec.Length + 26) + "^\r\n" + Z.InvalidInput + "\r\n" + Exec,
            await _cli.CommandAsync("show subscriber user-name a;b", Exec));

        await _cli.CommandAsync("configure terminal", Config);
        Assert.Equal("subscriber nobody rate-limit upstream 8000\r\n" + Z.UnknownSubscriber + "\r\n" + Config,
            await _cli.CommandAsync("subscriber nobody rate-limit upstream 8000", Config));
        Assert.Equal("subscriber bj010u0001 rate-limit upstream 90000\r\n" + Z.ExceedsCapability + "\r\n" + Config,
            await _cli.CommandAsync("subscriber bj010u0001 rate-limit upstream 90000", Config));
        Assert.Equal("subscriber bj010u0001 rate-limit upstream 12x\r\n" + new string(' ', Config.Length + 42) + "^\r\n" + Z.InvalidInput + "\r\n" + Config,
            await _cli.CommandAsync("subscriber bj010u0001 rate-limit upstream 12x", Config));
    }

    [Fact]
    public async Task ShowSubscriber_LongOutput_PagesUntilTerminalLength0()
    {
        await _cli.SendAsync("show subscriber ipv4-address 58.240.57.100\r");
        var first = await _cli.ReadUntilAsync(More);
        Assert.Equal(26, first.Split("\r\n").Length);

        await _cli.SendAsync(" ");
        var rest = await _cli.ReadUntilAsync(Exec);
        Assert.StartsWith(Wipe, rest, StringComparison.Ordinal);
        Assert.EndsWith("Total subscribers: 3\r\n" + Exec, rest, StringComparison.Ordinal);

        await _cli.CommandAsync("terminal length 0", Exec);
        Assert.DoesNotContain(More, await _cli.CommandAsync("show subscriber ipv4-address 58.240.57.100", Exec), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatorFault_PagingGarbleOrSlowOutput_AltersOutputUntilCleared()
    {
        await _cli.CommandAsync("terminal length 0", Exec);
        await _cli.CommandAsync("simulator fault paging", Exec);
        await _cli.SendAsync("show subscriber ipv4-address 58.240.57.100\r");
        await _cli.ReadUntilAsync(More);
        await _cli.SendAsync("q");
        await _cli.ReadUntilAsync(Exec);

        await _cli.CommandAsync("simulator fault garble junk", Exec);
        var junk = await _cli.CommandAsync("show subscriber user-name bj010u0001", Exec);
        Assert.Contains("User-name              :~*~ bj010u0001", junk, StringComparison.Ordinal);

        await _cli.CommandAsync("simulator fault garble ansi", Exec);
        var ansi = await _cli.CommandAsync("show subscriber user-name bj010u0001", Exec);
        Assert.Contains("\u001b[1;33mBand-id                :\u001b[0m\u001b[?25l 411000001\u001b[?25h\u001b[0m", ansi, StringComparison.Ordinal);

        await _cli.CommandAsync("simulator fault slow-output 100", Exec);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await _cli.CommandAsync("show subscriber user-name bj010u0001", Exec);
        Assert.True(watch.ElapsedMilliseconds >= 1000, $"12 lines at 100 ms each took {watch.ElapsedMilliseconds} ms");

        await _cli.CommandAsync("simulator fault clear", Exec);
        Assert.False(_simulator.Faults.ForcePaging);
        Assert.Equal(GarbleMode.None, _simulator.Faults.Garble);
        Assert.Equal(TimeSpan.Zero, _simulator.Faults.LineDelay);
    }

    [Fact]
    public async Task Exit_InExecView_ClosesTheSession()
    {
        await _cli.SendAsync("exit\r");
        Assert.True(await _cli.WaitClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task StartAsync_UnknownDialect_IsRefusedBeforeAnythingStarts()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed, CliDialect = "cisco" }, CancellationToken.None));

        Assert.Contains("Unknown CLI dialect 'cisco'", e.Message, StringComparison.Ordinal);
        Assert.Equal(CliDialects.Zte, _simulator.CliDialect);
    }
}
