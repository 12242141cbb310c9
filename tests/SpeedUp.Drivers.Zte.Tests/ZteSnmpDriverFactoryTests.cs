using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Drivers.Zte;

namespace SpeedUp.Drivers.Zte.Tests;

public class ZteSnmpDriverFactoryTests
{
    [Fact]
    public async Task Create_UsesTheChannelName()
    {
        await using var factory = new ZteSnmpDriverFactory();
        Assert.Equal("zte-snmp", factory.DriverName);
        Assert.Equal("cu-test-snmp", factory.Create(ZteSnmpDriverHarness.Channel("c", null, 16161)).ChannelName);
    }

    [Fact]
    public async Task Create_WithoutCommunityOrPort_Throws()
    {
        await using var factory = new ZteSnmpDriverFactory();
        Assert.Throws<ArgumentException>(() => factory.Create(ZteSnmpDriverHarness.Channel("", null, 16161)));
        Assert.Throws<ArgumentException>(() => factory.Create(ZteSnmpDriverHarness.Channel("c", null, 0)));
    }

    [Fact]
    public async Task Create_InjectedSecretResolver_SuppliesTheCommunity()
    {
        var channel = ZteSnmpDriverHarness.Channel("", null, 16161);
        channel.SecretEnvironmentVariable = "vault:cu-community";
        await using var withoutStore = new ZteSnmpDriverFactory();
        await using var withStore = new ZteSnmpDriverFactory(secrets: new FixedSecret("vault:cu-community", "from-store"));

        Assert.Throws<ArgumentException>(() => withoutStore.Create(channel));
        Assert.Equal("cu-test-snmp", withStore.Create(channel).ChannelName);
    }

    [Fact]
    public void Create_CommunityFromEnvironment_IsPreferred()
    {
        var variable = "SPEEDUP_TEST_CU_COMMUNITY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            using var factory = new ZteSnmpDriverFactory();
            var channel = ZteSnmpDriverHarness.Channel("", null, 16161);
            channel.SecretEnvironmentVariable = variable;
            Assert.NotNull(factory.Create(channel));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AddZteDrivers_RegistersEachFactoryOnceAsSingleton()
    {
        var services = new ServiceCollection().AddZteDrivers().AddZteDrivers();

        var descriptors = services.Where(d => d.ServiceType == typeof(ISubscriberLineDriverFactory)).ToList();
        Assert.Equal([typeof(ZteSnmpDriverFactory), typeof(ZteCliDriverFactory)], descriptors.Select(d => d.ImplementationType));
        Assert.All(descriptors, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    private sealed class FixedSecret(string reference, string secret) : ISecretResolver
    {
        public string? Resolve(string? name, string? inlineValue) => name == reference ? secret : inlineValue;
    }
}
