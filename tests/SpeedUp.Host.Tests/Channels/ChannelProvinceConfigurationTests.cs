extern alias host;

using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Scheduler;
using SpeedUp.Testing;
using SpeedUpApplication = host::SpeedUp.Host.SpeedUpApplication;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// A province moves between channels by configuration alone — environment or command line — and the service refuses a
/// table where two channels of one carrier and province do not declare that they reach the same lines. (In the
/// in-process collection: one test sets a process-wide environment variable while the service reads its configuration.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ChannelProvinceConfigurationTests(SimulatedNetworks networks)
{
    private const string ExcludeVariable = "SpeedUp__Channels__0__ExcludeProvinces__0";

    [Fact]
    public async Task CommandLine_ExcludeProvinces_TakesTheProvinceOffTheConfiguredChannel()
    {
        var channel = await ConfiguredChannelAsync(0, "--SpeedUp:Channels:0:ExcludeProvinces:0=Zhejiang");

        Assert.Equal("ct-huawei-ssh", channel.Name);
        Assert.DoesNotContain("Zhejiang", ChannelProvinces.Served(channel));
        Assert.Contains("Hunan", ChannelProvinces.Served(channel));
        Assert.Contains("Zhejiang", channel.Provinces);
    }

    [Fact]
    public async Task Environment_ExcludeProvinces_TakesTheProvinceOffTheConfiguredChannel()
    {
        Environment.SetEnvironmentVariable(ExcludeVariable, "Zhejiang");
        SupplyChannelOptions channel;
        try
        {
            channel = await ConfiguredChannelAsync(0);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ExcludeVariable, null);
        }

        Assert.DoesNotContain("Zhejiang", ChannelProvinces.Served(channel));
        Assert.Equal(26, ChannelProvinces.Served(channel).Count);
    }

    [Fact]
    public async Task CommandLine_ReplaceProvinces_ReplacesTheListWholesale()
    {
        var channel = await ConfiguredChannelAsync(1, "--SpeedUp:Channels:1:ReplaceProvinces=Beijing, Jiangsu");

        Assert.Equal(["Beijing", "Jiangsu"], ChannelProvinces.Served(channel));
    }

    [Fact]
    public async Task NewChannelToOtherEquipment_WhileTheOldOneKeepsTheProvince_IsRefusedUntilExcluded()
    {
        string[] hunanChannel =
        [
            "--SpeedUp:Channels:2:Name=ct-hn-h3c", "--SpeedUp:Channels:2:Carrier=ChinaTelecom", "--SpeedUp:Channels:2:Provinces:0=Hunan",
            "--SpeedUp:Channels:2:Driver=huawei-cli-ssh", "--SpeedUp:Channels:2:Host=10.43.0.9", "--SpeedUp:Channels:2:Port=22",
            "--SpeedUp:Channels:2:SecretEnvironmentVariable=SPEEDUP_HN_BRAS_PASSWORD",
        ];

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => ConfiguredChannelAsync(2, hunanChannel));
        var moved = await ConfiguredChannelAsync(0, [.. hunanChannel, "--SpeedUp:Channels:0:ExcludeProvinces:0=Hunan"]);
        var declared = await ConfiguredChannelAsync(2, [.. hunanChannel, "--SpeedUp:Channels:0:Reaches=ct-bras", "--SpeedUp:Channels:2:Reaches=ct-bras"]);

        Assert.Contains("SpeedUp:Channels:0 (ct-huawei-ssh) and SpeedUp:Channels:2 (ct-hn-h3c) both serve ChinaTelecom in Hunan", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Reaches not set: the equipment at 10.43.0.9", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunan", ChannelProvinces.Served(moved));
        Assert.Equal("ct-bras", declared.Reaches);
    }

    [Fact]
    public async Task ExcludedProvince_IsNotServedNorListed_TheOthersStillAre()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-exclude-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string> { ["SpeedUp:Channels:0:ExcludeProvinces:0"] = "Zhejiang" }, cancellationToken: ct);

        var channels = await service.Admin.ListChannelsAsync(new ListChannelsRequest(), cancellationToken: ct);
        var sichuan = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "61.139.2.69" }, cancellationToken: ct);

        var telecom = Assert.Single(channels.Channels, c => c.Name == "ct-huawei-ssh");
        Assert.DoesNotContain("Zhejiang", telecom.Provinces);
        Assert.Contains("Sichuan", telecom.Provinces);
        Assert.Equal(351000001L, sichuan.BandId);
        await ProductError.AssertFailsAsync(
            () => service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: ct),
            "isv.BAND_UNSURPOT_SPEEDUP", StatusCode.FailedPrecondition);
    }

    /// <summary>The service's channel <paramref name="index"/> as its configuration gives it (validated like at start-up).</summary>
    private static async Task<SupplyChannelOptions> ConfiguredChannelAsync(int index, params string[] args)
    {
        await using var app = SpeedUpApplication.Build(args);
        return app.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value.Channels[index];
    }
}
