using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Drivers.Huawei;

namespace SpeedUp.Drivers.Huawei.Tests;

public sealed class HuaweiCliDriverFactoryTests
{
    [Fact]
    public async Task Create_BuildsDisposableDriverForChannel()
    {
        var factory = new HuaweiCliDriverFactory();
        var channel = new DeviceOptions { Name = "ct-zj-ssh", Port = 2222, Username = "u", Secret = "p", HostKeySha256 = "SHA256:x" };

        var driver = factory.Create(channel);

        Assert.Equal("huawei-cli-ssh", factory.DriverName);
        Assert.Equal("ct-zj-ssh", driver.ChannelName);
        var disposable = Assert.IsAssignableFrom<IAsyncDisposable>(driver);
        await disposable.DisposeAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task Create_MaxSessionsInRange_PoolBoundedByIt(int maxSessions)
    {
        var channel = new DeviceOptions { Name = "ct", Port = 2222, HostKeySha256 = "SHA256:x", MaxSessions = maxSessions };

        await using var driver = (HuaweiCliDriver)new HuaweiCliDriverFactory().Create(channel);

        Assert.Equal(0, driver.Sessions.OpenSessions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Create_MaxSessionsOutOfRange_Refused(int maxSessions)
    {
        var channel = new DeviceOptions { Name = "ct", Port = 2222, MaxSessions = maxSessions };

        Assert.Throws<ArgumentOutOfRangeException>(() => new HuaweiCliDriverFactory().Create(channel));
    }

    [Fact]
    public void SupplyChannelOptions_MaxSessions_DefaultsToTwo() => Assert.Equal(2, new DeviceOptions().MaxSessions);

    [Fact]
    public void AddHuaweiDrivers_RegistersFactoryOnce()
    {
        var services = new ServiceCollection();

        services.AddHuaweiDrivers().AddHuaweiDrivers();

        Assert.Single(services, d => d.ServiceType == typeof(ISubscriberLineDriverFactory) && d.ImplementationType == typeof(HuaweiCliDriverFactory));
    }
}
