using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Commands;

/// <summary><c>channels list|probe</c> against the service in process on the simulators.</summary>
[Collection(CliHostCollection.Name)]
public sealed class ChannelsCommandsTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-channels-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ChannelsListAndProbe_ShowEveryChannel_AndProbeOneNow()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var list = await cli.RunAsync("channels", "list", "--output", "json");
        var table = await cli.RunAsync("channels", "list");
        var probe = await cli.RunAsync("channels", "probe", "ct-huawei-ssh", "-o", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        var names = list.Json.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("ct-huawei-ssh", names);
        Assert.Contains("cu-zte-snmp", names);
        Assert.StartsWith("NAME", table.Out, StringComparison.Ordinal);
        Assert.Contains(table.Out.Split('\n'), l => l.StartsWith("cu-zte-snmp", StringComparison.Ordinal) && l.Contains("zte-snmp", StringComparison.Ordinal));
        Assert.True(probe.ExitCode == 0, probe.ToString());
        Assert.Equal(("ct-huawei-ssh", "HEALTH_HEALTHY"), (probe.Json.GetProperty("name").GetString(), probe.Json.GetProperty("health").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, probe.Json.GetProperty("probedAt").ValueKind);
        Assert.Equal([new Uri("http://127.0.0.1:50051")], cli.Addresses.Distinct());
    }

    [Fact]
    public async Task ChannelsProbe_OfAnUnknownChannel_NamesTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var result = await cli.RunAsync("channels", "probe", "no-such-channel");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ChannelAdmin/ProbeChannel failed: [isv.INVALID_PARAMETERS] No supply channel is named 'no-such-channel'", result.Error, StringComparison.Ordinal);
        Assert.Contains("status NOT_FOUND", result.Error, StringComparison.Ordinal);
    }
}
