using Microsoft.Extensions.DependencyInjection;

namespace SpeedUp.Drivers.Coa.Tests;

public sealed class CoaDriverFactoryTests
{
    [Fact]
    public void Create_NoSecret_ArgumentExceptionNamingTheKey()
    {
        var reads = new FakeReadDriver();
        var factory = new HuaweiCoaDriverFactory(services: reads.Services);
        var channel = new DeviceOptions { Name = "c1", Host = "127.0.0.1" };
        channel.Coa.ReadDriver = FakeReadDriver.Name;

        var e = Assert.Throws<ArgumentException>(() => factory.Create(channel));

        Assert.Contains("Coa:SecretEnvironmentVariable", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Coa:ReadDriver must name")]
    [InlineData("no-such-driver", "is not a registered driver")]
    [InlineData("huawei-coa", "is a CoA driver")]
    public void Create_BadReadDriver_ArgumentException(string? readDriver, string expected)
    {
        var reads = new FakeReadDriver();
        var coa = new HuaweiCoaDriverFactory();
        var factory = new ZteCoaDriverFactory(services: new Container([reads.Factory, coa]));
        var channel = new DeviceOptions { Name = "c1", Host = "127.0.0.1" };
        channel.Coa.Secret = "s";
        channel.Coa.ReadDriver = readDriver;

        var e = Assert.Throws<ArgumentException>(() => factory.Create(channel));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutContainer_BuildsTheBuiltInReadFace()
    {
        var factory = new ZteCoaDriverFactory();
        var channel = new DeviceOptions { Name = "c1", Host = "127.0.0.1", Port = 161, Secret = "community" };
        channel.Coa.Secret = "s";
        channel.Coa.ReadDriver = "zte-snmp";

        var driver = (CoaDriver)factory.Create(channel);

        Assert.Equal("zte-snmp", driver.Reads.GetType().Name switch { "ZteSnmpDriver" => "zte-snmp", var other => other });
        Assert.Equal("127.0.0.1:3799", driver.Target);
    }

    [Fact]
    public void AddCoaDrivers_Twice_RegistersEachFactoryOnce()
    {
        var services = new ServiceCollection().AddCoaDrivers().AddCoaDrivers();

        Assert.Equal(["huawei-coa", "zte-coa"], services.Where(d => d.ServiceType == typeof(ISubscriberLineDriverFactory))
            .Select(d => d.ImplementationType == typeof(HuaweiCoaDriverFactory) ? "huawei-coa" : "zte-coa").Order());
    }

    private sealed class Container(ISubscriberLineDriverFactory[] factories) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IEnumerable<ISubscriberLineDriverFactory>) ? factories : null;
    }
}
