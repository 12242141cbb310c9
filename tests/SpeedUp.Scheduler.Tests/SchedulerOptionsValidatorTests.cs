using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>The channel table is checked at start-up; every problem names its configuration key.</summary>
public sealed class SchedulerOptionsValidatorTests
{
    private static readonly SchedulerOptionsValidator Validator =
        new([new FakeDriverFactory(new FakeEquipment())], new OfferCatalogue(Options.Create(new CatalogueOptions())));

    [Fact]
    public void Validate_SoundTable_Passes()
    {
        var result = Validate(FakeDriverFactory.TelecomChannel("a", c => { c.Tiers.Add("Down:200"); c.Tiers.Add("up:10"); c.Capacity.MaxSpeedUps = 5; }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Down-200", "SpeedUp:Channels:0:Tiers has 'Down-200'")]
    [InlineData("Sideways:200", "SpeedUp:Channels:0:Tiers has 'Sideways:200'")]
    [InlineData("Down:0", "SpeedUp:Channels:0:Tiers has 'Down:0'")]
    [InlineData("1:200", "SpeedUp:Channels:0:Tiers has '1:200'")]
    [InlineData("Down:300", "SpeedUp:Channels:0:Tiers has Down:300, which is not a speed-up tier")]
    public void Validate_BadTier_IsRefused(string tier, string expected)
    {
        var result = Validate(FakeDriverFactory.TelecomChannel("a", c => c.Tiers.Add(tier)));

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyBadSettings_ReportsEachWithItsKey()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("dup", c =>
            {
                c.Capacity.MaxSpeedUps = -1;
                c.Weight = 0;
                c.Cost = -1;
                c.MaxSessions = 17;
                c.Resilience.ReadRetries = 6;
                c.Resilience.FailureRatio = 0;
                c.Resilience.MinimumThroughput = 1;
                c.Resilience.BreakDuration = TimeSpan.FromMilliseconds(100);
                c.Resilience.CallTimeout = TimeSpan.Zero;
            }),
            FakeDriverFactory.TelecomChannel("dup", c => { c.Driver = "nope"; c.Provinces.Add("Atlantis"); c.Port = 70000; }));

        Assert.False(result.Succeeded);
        foreach (var expected in new[]
        {
            "SpeedUp:Channels:0:Capacity:MaxSpeedUps", "SpeedUp:Channels:0:Weight", "SpeedUp:Channels:0:Cost",
            "SpeedUp:Channels:0:MaxSessions", "SpeedUp:Channels:0:Resilience:ReadRetries", "SpeedUp:Channels:0:Resilience:FailureRatio",
            "SpeedUp:Channels:0:Resilience:MinimumThroughput", "SpeedUp:Channels:0:Resilience:SamplingDuration and BreakDuration",
            "SpeedUp:Channels:0:Resilience:CallTimeout", "SpeedUp:Channels:1:Name must be set and unique",
            "SpeedUp:Channels:1:Driver 'nope'", "unknown province 'Atlantis'", "SpeedUp:Channels:1:Port",
        })
        {
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_InlineCoaSecret_RefusedWhenTheCoaHostIsNotLoopback()
    {
        var remoteCoa = Validate(FakeDriverFactory.TelecomChannel("coa", c => { c.Host = "127.0.0.1"; c.Coa.Host = "10.20.30.41"; c.Coa.Secret = "inline-coa-4711"; }));
        var simulator = Validate(FakeDriverFactory.TelecomChannel("sim", c => { c.Host = "127.0.0.1"; c.Coa.Secret = "inline-coa-4711"; }));

        Assert.True(remoteCoa.Failed);
        var failures = string.Join("\n", remoteCoa.Failures!);
        Assert.Contains("SpeedUp:Channels:0:Coa:Secret is set inline", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("inline-coa-4711", failures, StringComparison.Ordinal);
        Assert.False(simulator.Failed);
    }

    [Fact]
    public void Validate_InlineSecretsForRealEquipment_AreRefusedAndNeverEchoed()
    {
        var remote = Validate(FakeDriverFactory.TelecomChannel("remote", c =>
        {
            c.Host = "10.20.30.40";
            c.Secret = "inline-pass-4711";
            c.Snmp.AuthSecret = "inline-auth-4711";
            c.Snmp.PrivSecret = "inline-priv-4711";
        }));
        var simulator = Validate(FakeDriverFactory.TelecomChannel("sim", c => { c.Host = "127.0.0.1"; c.Secret = "inline-pass-4711"; }));

        Assert.True(remote.Failed);
        var failures = string.Join("\n", remote.Failures!);
        Assert.Contains("SpeedUp:Channels:0:Secret is set inline", failures, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Channels:0:Snmp:AuthSecret is set inline", failures, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Channels:0:Snmp:PrivSecret is set inline", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", failures, StringComparison.Ordinal);
        Assert.False(simulator.Failed, string.Join("\n", simulator.Failures ?? []));
    }

    [Fact]
    public void Validate_TwoChannelsToOneHostSharingAProvince_PassWithoutReaches()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("ssh", c => c.Host = "10.0.0.9"),
            FakeDriverFactory.TelecomChannel("snmp", c => c.Host = "10.0.0.9"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_TwoChannelsToDifferentEquipmentSharingAProvince_AreRefusedNamingBothAndTheKeys()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("ct-old", c => { c.Host = "10.0.0.9"; c.Provinces.Add("Hunan"); }),
            FakeDriverFactory.TelecomChannel("cu-other", c => { c.Carrier = Carrier.ChinaUnicom; c.Host = "10.0.0.7"; c.Provinces.Add("Hunan"); }),
            FakeDriverFactory.TelecomChannel("ct-hn", c => { c.Host = "10.0.0.8"; c.Reaches = "hn-bras-1"; c.Provinces.Clear(); c.Provinces.Add("Hunan"); }));

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("SpeedUp:Channels:0 (ct-old) and SpeedUp:Channels:2 (ct-hn) both serve ChinaTelecom in Hunan", failure, StringComparison.Ordinal);
        Assert.Contains("Reaches not set: the equipment at 10.0.0.9", failure, StringComparison.Ordinal);
        Assert.Contains("Reaches 'hn-bras-1'", failure, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Channels:0:ExcludeProvinces", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("cu-other", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConflictingReachesOnOneHost_AreRefused()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("a", c => c.Reaches = "zj-bras-1"),
            FakeDriverFactory.TelecomChannel("b", c => c.Reaches = "zj-bras-2"));

        Assert.False(result.Succeeded);
        Assert.Contains("SpeedUp:Channels:0 (a) and SpeedUp:Channels:1 (b) both serve ChinaTelecom in Zhejiang", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("give both the same Reaches", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameReachesOnDifferentHosts_Pass()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("cli", c => { c.Host = "10.0.0.9"; c.Reaches = "ZJ-BRAS-1"; }),
            FakeDriverFactory.TelecomChannel("supplier", c => { c.Host = "supplier.example.net"; c.Reaches = "zj-bras-1"; }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ProvinceExcludedFromTheOldChannel_Passes()
    {
        var old = FakeDriverFactory.TelecomChannel("ct-old", c => { c.Host = "10.0.0.9"; c.Provinces.Add("Hunan"); c.ExcludeProvinces.Add("Hunan"); });
        var result = Validate(old, FakeDriverFactory.TelecomChannel("ct-hn", c => { c.Host = "10.0.0.8"; c.Provinces.Clear(); c.Provinces.Add("Hunan"); }));

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(["Zhejiang"], ChannelProvinces.Served(old));
    }

    [Fact]
    public void Served_ReplaceProvinces_ReplacesTheListWholesaleThenExcludes()
    {
        var channel = FakeDriverFactory.TelecomChannel("a", c =>
        {
            c.Provinces.Add("Hunan");
            c.ReplaceProvinces = " Hubei, Inner Mongolia ,Hunan";
            c.ExcludeProvinces.Add("Hunan");
        });

        Assert.Equal(["Hubei", "Inner Mongolia"], ChannelProvinces.Served(channel));
        Assert.True(Validate(channel).Succeeded);
    }

    [Theory]
    [InlineData("Hubei,Atlantis", "SpeedUp:Channels:0:ReplaceProvinces names an unknown province 'Atlantis'")]
    [InlineData("Hubei,,Hunan", "SpeedUp:Channels:0:ReplaceProvinces has an empty entry")]
    public void Validate_BadReplaceProvinces_IsRefusedWithItsKey(string replacement, string expected)
    {
        var result = Validate(FakeDriverFactory.TelecomChannel("a", c => c.ReplaceProvinces = replacement));

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExcludeProvinces_UnknownOrTakingEverythingOff_IsRefused()
    {
        var unknown = Validate(FakeDriverFactory.TelecomChannel("a", c => c.ExcludeProvinces.Add("Zhejaing")));
        var everything = Validate(FakeDriverFactory.TelecomChannel("a", c => c.ExcludeProvinces.Add("Zhejiang")));

        Assert.Contains("SpeedUp:Channels:0:ExcludeProvinces names an unknown province 'Zhejaing'", unknown.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Channels:0:ExcludeProvinces takes off every province of SpeedUp:Channels:0:Provinces", everything.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zj bras")]
    [InlineData("-zj")]
    [InlineData("zj/bras")]
    public void Validate_MalformedReaches_IsRefused(string reaches)
    {
        var result = Validate(FakeDriverFactory.TelecomChannel("a", c => c.Reaches = reaches));

        Assert.False(result.Succeeded);
        Assert.Contains($"SpeedUp:Channels:0:Reaches '{reaches}' must be a name", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankReaches_IsNotSet()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("a", c => { c.Host = "10.0.0.9"; c.Reaches = " "; }),
            FakeDriverFactory.TelecomChannel("b", c => c.Host = "10.0.0.9"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_LoopbackHostsCountAsOneSimulator()
    {
        var result = Validate(
            FakeDriverFactory.TelecomChannel("a", c => c.Host = "127.0.0.1"),
            FakeDriverFactory.TelecomChannel("b", c => c.Host = "localhost"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static ValidateOptionsResult Validate(params SupplyChannelOptions[] channels)
    {
        var options = new SchedulerOptions();
        foreach (var channel in channels)
        {
            options.Channels.Add(channel);
        }

        return Validator.Validate(null, options);
    }
}
