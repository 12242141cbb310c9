using System.Diagnostics;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>The CLI stack itself against the simulator over real sshd: paging, errors, timings.</summary>
[Collection(HuaweiSimulatorCollection.Name)]
public sealed class CliChannelSimulatorTests(HuaweiSimulatorFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagedOutput_WithoutScreenLength_PagerAnsweredOverSsh()
    {
        var dialect = HuaweiVrpDialect.Instance with { OnOpenCommands = [] };
        await using var channel = new CliChannel(new SshShellTransport(Transport()), dialect);
        await channel.OpenAsync(Token);

        var response = await channel.SendCommandAsync("display access-user ip-address 202.101.172.100", Token);

        var blocks = response.Lines.Count(l => l.TrimStart().StartsWith("User name", StringComparison.Ordinal));
        Assert.True(blocks >= 3, response.Output);
        Assert.DoesNotContain("More", response.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", response.Output, StringComparison.Ordinal);
        Assert.All(response.Lines, line => Assert.True(line.Length == 0 || line.StartsWith("  ", StringComparison.Ordinal), line));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UnknownCommand_FailedWithDeviceError(bool pseudoTerminal)
    {
        var transport = Transport();
        transport.UsePseudoTerminal = pseudoTerminal;
        await using var channel = new CliChannel(new SshShellTransport(transport), HuaweiVrpDialect.Instance);
        await channel.OpenAsync(Token);

        var response = await channel.SendCommandAsync("dispaly access-user", Token);

        Assert.True(response.Failed);
        Assert.Equal("Error: Unrecognized command found at '^' position.", response.ErrorLine);
        Assert.Equal("<" + fixture.Simulator.State.Hostname + ">", response.Prompt);
    }

    [Fact]
    public async Task Timings_ConnectAndRoundTrip_Reported()
    {
        var connect = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var fresh = new CliChannel(new SshShellTransport(Transport()), HuaweiVrpDialect.Instance);
            await fresh.OpenAsync(Token);
            connect.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await using var channel = new CliChannel(new SshShellTransport(Transport()), HuaweiVrpDialect.Instance);
        await channel.OpenAsync(Token);
        var roundTrips = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var response = await channel.SendCommandAsync("display access-user user-name zj0571a0001", Token);
            roundTrips.Add(response.Elapsed.TotalMilliseconds);
        }

        var connectMedian = Median(connect);
        var roundTripMedian = Median(roundTrips);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"connect+auth+prompt+screen-length median {connectMedian:0.0} ms; display round trip median {roundTripMedian:0.00} ms");
        Assert.InRange(connectMedian, 0, 5000);
        Assert.InRange(roundTripMedian, 0, 1000);
    }

    private SshTransportOptions Transport() => new()
    {
        Port = fixture.Simulator.SshPort,
        Username = fixture.Simulator.SshUser,
        Password = fixture.Simulator.SshPassword,
        HostKeySha256 = fixture.Simulator.SshHostKeySha256,
    };

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
