using System.Diagnostics;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The chaos faults of the CLI socket and the SNMP face: drop ratios, SNMP latency and dark, reboot.</summary>
public sealed class SimulatorFaultInjectionTests : IAsyncLifetime
{
    private const string User = "<CT-BRAS-01>";
    private const string Display = "display access-user user-name zj0571a0001";
    private static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");
    private BrasSimulator _simulator = null!;
    private SnmpManager _snmp = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed }, CancellationToken.None);
        _snmp = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(400), Retries = 0 });
    }

    public async ValueTask DisposeAsync()
    {
        await _snmp.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private async Task<UnixCliClient> ConnectAsync()
    {
        var cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await cli.ReadUntilAsync(User);
        return cli;
    }

    /// <summary>Sends one display command; true when the session was dropped (closed without output).</summary>
    private static async Task<bool> DroppedAsync(UnixCliClient cli)
    {
        await cli.SendAsync(Display + "\r");
        try
        {
            var output = await cli.ReadUntilAsync(User);
            Assert.Contains("User name", output, StringComparison.Ordinal);
            return false;
        }
        catch (EndOfStreamException e)
        {
            Assert.DoesNotContain("User name", e.Message, StringComparison.Ordinal);
            return true;
        }
    }

    private async Task<List<bool>> RunCommandsAsync(int count)
    {
        var drops = new List<bool>(count);
        var cli = await ConnectAsync();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var dropped = await DroppedAsync(cli);
                drops.Add(dropped);
                if (dropped)
                {
                    await cli.DisposeAsync();
                    cli = await ConnectAsync();
                }
            }
        }
        finally
        {
            await cli.DisposeAsync();
        }

        return drops;
    }

    private async Task<bool> SnmpAnswersAsync()
    {
        try
        {
            var answer = await _snmp.GetAsync(_simulator.SnmpEndpoint, "public", [SysName], Ct);
            Assert.Equal(SnmpOctetString.FromString("CT-BRAS-01"), Assert.Single(answer).Value);
            return true;
        }
        catch (SnmpTimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task CliDropRatio_OneOrZero_DropsEveryCommandOrNone()
    {
        _simulator.Faults.CliDropRatio = 1;
        Assert.All(await RunCommandsAsync(5), Assert.True);

        _simulator.Faults.CliDropRatio = 0;
        Assert.All(await RunCommandsAsync(20), Assert.False);
    }

    [Fact]
    public async Task CliDropRatio_HalfWithSeed_DropsSomeButNotAllAndRepeatsForTheSameSeed()
    {
        _simulator.Faults.CliDropRatio = 0.5;
        _simulator.Faults.Seed(1234);
        var first = await RunCommandsAsync(200);
        _simulator.Faults.Seed(1234);
        var second = await RunCommandsAsync(200);

        var dropped = first.Count(d => d);
        Assert.InRange(dropped, 60, 140);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task DropRatioCommand_SetTo100_SetsTheRatioButControlCommandsAreNeverDropped()
    {
        await using (var cli = await ConnectAsync())
        {
            Assert.Contains("Info: 100% of the commands drop their connection.", await cli.CommandAsync("simulator fault drop-ratio 100", User), StringComparison.Ordinal);
            Assert.Equal(1.0, _simulator.Faults.CliDropRatio);
            Assert.Contains("Wrong parameter", await cli.CommandAsync("simulator fault drop-ratio 101", User), StringComparison.Ordinal);
            Assert.True(await DroppedAsync(cli));
        }

        await using (var cli = await ConnectAsync())
        {
            Assert.Contains("Info: Faults cleared.", await cli.CommandAsync("simulator fault clear", User), StringComparison.Ordinal);
            Assert.False(await DroppedAsync(cli));
        }

        Assert.Equal(0.0, _simulator.Faults.CliDropRatio);
    }

    [Fact]
    public async Task CommandLatency_Set_MeasurablyDelaysEachCommand()
    {
        await using var cli = await ConnectAsync();
        _simulator.Faults.CommandLatency = TimeSpan.FromMilliseconds(400);
        var watch = Stopwatch.StartNew();
        await cli.CommandAsync(Display, User);
        Assert.True(watch.ElapsedMilliseconds >= 380, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SnmpDark_On_DropsEveryRequestUntilCleared()
    {
        Assert.True(await SnmpAnswersAsync());
        _simulator.Faults.SnmpDark = true;
        Assert.False(await SnmpAnswersAsync());
        var (exit, _, error) = await NetSnmpTool.RunAsync("snmpget", _simulator.SnmpEndpoint, "public", ".1.3.6.1.2.1.1.5.0");
        Assert.NotEqual(0, exit);
        Assert.Contains("Timeout", error, StringComparison.Ordinal);

        _simulator.Faults.Clear();
        Assert.True(await SnmpAnswersAsync());
    }

    [Fact]
    public async Task SnmpDropRatio_OneZeroOrSeededHalf_DropsAllNoneOrSome()
    {
        _simulator.Faults.SnmpDropRatio = 1;
        for (var i = 0; i < 3; i++)
        {
            Assert.False(await SnmpAnswersAsync());
        }

        _simulator.Faults.SnmpDropRatio = 0;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await SnmpAnswersAsync());
        }

        _simulator.Faults.SnmpDropRatio = 0.5;
        _simulator.Faults.Seed(42);
        var answered = 0;
        for (var i = 0; i < 30; i++)
        {
            answered += await SnmpAnswersAsync() ? 1 : 0;
        }

        Assert.InRange(answered, 5, 25);
    }

    [Fact]
    public async Task SnmpLatency_ConcurrentRequests_DelaysEachAnswerWithoutSerializing()
    {
        await using var patient = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });
        _simulator.Faults.SnmpLatency = TimeSpan.FromMilliseconds(600);
        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => patient.GetAsync(_simulator.SnmpEndpoint, "public", [SysName], Ct)));
        var elapsed = watch.ElapsedMilliseconds;

        Assert.All(answers, a => Assert.Equal(SnmpOctetString.FromString("CT-BRAS-01"), Assert.Single(a).Value));
        Assert.InRange(elapsed, 580, 2000);

        _simulator.Faults.SnmpLatency = TimeSpan.Zero;
        watch.Restart();
        await patient.GetAsync(_simulator.SnmpEndpoint, "public", [SysName], Ct);
        Assert.True(watch.ElapsedMilliseconds < 500, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SnmpFaultCommands_OverCli_SetLatencyDropRatioAndDark()
    {
        await using var cli = await ConnectAsync();
        Assert.Contains("Info: SNMP latency is 250 ms.", await cli.CommandAsync("simulator fault snmp-latency 250", User), StringComparison.Ordinal);
        Assert.Contains("Info: 30% of the SNMP requests are dropped.", await cli.CommandAsync("simulator fault snmp-drop-ratio 30", User), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(250), _simulator.Faults.SnmpLatency);
        Assert.Equal(0.3, _simulator.Faults.SnmpDropRatio, 6);

        Assert.Contains("Info: The SNMP face is dark.", await cli.CommandAsync("simulator fault snmp-dark", User), StringComparison.Ordinal);
        Assert.False(await SnmpAnswersAsync());

        await cli.CommandAsync("simulator fault clear", User);
        Assert.Equal(new SimulatorFaultState(0, 0, false, GarbleMode.None, false, 0, 0, 0, false, false), _simulator.DescribeFaults());
        Assert.True(await SnmpAnswersAsync());
    }

    [Fact]
    public void DropRatio_OutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.CliDropRatio = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.SnmpDropRatio = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.SnmpDropRatio = double.NaN);
    }

    [Fact]
    public async Task RebootAsync_OpenCliSessions_ResetsRatesClosesThemAndNewSessionsWork()
    {
        var a = await ConnectAsync();
        var b = await ConnectAsync();
        try
        {
            _simulator.State.SetRate(new RateChange(330100001, RateDirection.Down, 150000), CommandFace.Control, "t");
            _simulator.Faults.SnmpLatency = TimeSpan.FromMilliseconds(10);
            Assert.Equal(2, _simulator.ActiveCliSessions);

            await _simulator.RebootAsync(Ct);

            Assert.True(await a.WaitClosedAsync(TimeSpan.FromSeconds(5)));
            Assert.True(await b.WaitClosedAsync(TimeSpan.FromSeconds(5)));
            Assert.Equal(0, _simulator.ActiveCliSessions);
            Assert.True(_simulator.State.FindByBandId(330100001)!.AtBaseRates);
            Assert.Equal(CommandFace.Control, _simulator.State.AuditLog[^1].Face);
            Assert.Equal(TimeSpan.FromMilliseconds(10), _simulator.Faults.SnmpLatency);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        await using var again = await ConnectAsync();
        Assert.False(await DroppedAsync(again));
    }

    [Fact]
    public async Task ForcedPageLength_FiveWithPagingForcedOn_ShowsThePagerLineAfterFiveLinesThoughTheSessionTurnedPagingOff()
    {
        var pager = SimulatorProfile.Load(CliDialects.ProfilePath(CliDialects.Huawei)!).Pager.More;
        await using var cli = await ConnectAsync();
        await cli.CommandAsync("screen-length 0 temporary", User);
        _simulator.Faults.ForcePaging = true;
        _simulator.Faults.ForcedPageLength = 5;

        await cli.SendAsync(Display + "\r");
        var page = await cli.ReadUntilAsync(pager);

        var lines = page[..^pager.Length].Split("\r\n");
        Assert.Equal(Display, lines[0]);
        Assert.Equal(5, lines.Length - 2); // the echoed command, five lines, and nothing after the last \r\n
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Contains("User name", lines[3], StringComparison.Ordinal); // after the rule and the access index
        await cli.SendAsync("q");
        await cli.ReadUntilAsync(User);
        Assert.Equal(5, _simulator.DescribeFaults().ForcedPageLength);
    }

    [Fact]
    public void ForcedPageLength_OutsideTwoTo512_ThrowsAndClearResetsTo24()
    {
        Assert.Equal(24, _simulator.Faults.ForcedPageLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.ForcedPageLength = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.Faults.ForcedPageLength = 513);
        _simulator.Faults.ForcedPageLength = 512;
        _simulator.Faults.VanishedAccount = "zj0571a0001";

        _simulator.Faults.Clear();

        Assert.Equal(24, _simulator.Faults.ForcedPageLength);
        Assert.Null(_simulator.Faults.VanishedAccount);
    }

    [Fact]
    public async Task VanishedAccount_RateChangeOverCli_GetsTheUnknownUserMessageChangesNothingWhileItsReadWorks()
    {
        var unknownUser = SimulatorProfile.Load(CliDialects.ProfilePath(CliDialects.Huawei)!).Messages.UnknownUser;
        await using var cli = await ConnectAsync();
        await cli.CommandAsync("system-view", "[CT-BRAS-01]");
        await cli.CommandAsync("aaa", "[CT-BRAS-01-aaa]");
        _simulator.Faults.VanishedAccount = "zj0571a0001";
        var before = _simulator.State.FindByAccount("zj0571a0001");

        var vanished = await cli.CommandAsync("access-user user-name zj0571a0001 car outbound cir 150000", "[CT-BRAS-01-aaa]");
        var unknown = await cli.CommandAsync("access-user user-name nobody-here car outbound cir 150000", "[CT-BRAS-01-aaa]");

        Assert.Equal(unknown.Replace("nobody-here", "zj0571a0001", StringComparison.Ordinal), vanished);
        Assert.Contains(unknownUser, vanished, StringComparison.Ordinal);
        Assert.Equal(before, _simulator.State.FindByAccount("zj0571a0001"));
        var audit = _simulator.State.AuditLog[^2];
        Assert.Equal(("access-user user-name zj0571a0001 car outbound cir 150000", "rejected: user does not exist"), (audit.Command, audit.Outcome));
        await cli.CommandAsync("return", User);
        var read = await cli.CommandAsync(Display, User);
        Assert.Contains("zj0571a0001", read, StringComparison.Ordinal);
        Assert.Contains("50000", read, StringComparison.Ordinal);

        _simulator.Faults.VanishedAccount = null;
        await cli.CommandAsync("system-view", "[CT-BRAS-01]");
        await cli.CommandAsync("aaa", "[CT-BRAS-01-aaa]");
        Assert.DoesNotContain(unknownUser, await cli.CommandAsync("access-user user-name zj0571a0001 car outbound cir 150000", "[CT-BRAS-01-aaa]"), StringComparison.Ordinal);
        Assert.Equal(150_000, _simulator.State.FindByAccount("zj0571a0001")!.DownKbps);
    }
}
