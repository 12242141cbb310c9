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
