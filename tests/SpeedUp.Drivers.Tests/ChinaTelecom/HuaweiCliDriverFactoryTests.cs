using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Drivers.ChinaTelecom;

namespace SpeedUp.Drivers.Tests.ChinaTelecom;

public sealed class HuaweiCliDriverFactoryTests
{
    [Fact]
    public async Task Create_BuildsDisposableDriverForChannel()
    {
        var factory = new HuaweiCliDriverFactory();
        var channel = new SupplyChannelOptions { Name = "ct-zj-ssh", Driver = "huawei-cli-ssh", Port = 2222, Username = "u", Secret = "p", HostKeySha256 = "SHA256:x" };

        var driver = factory.Create(channel);

        Assert.Equal("huawei-cli-ssh", factory.DriverName);
        Assert.Equal("ct-zj-ssh", driver.ChannelName);
        var disposable = Assert.IsAssignableFrom<IAsyncDisposable>(driver);
        await disposable.DisposeAsync();
    }

    [Fact]
    public void AddChinaTelecomDrivers_RegistersFactoryOnce()
    {
        var services = new ServiceCollection();

        services.AddChinaTelecomDrivers().AddChinaTelecomDrivers();

        Assert.Single(services, d => d.ServiceType == typeof(ISubscriberLineDriverFactory) && d.ImplementationType == typeof(HuaweiCliDriverFactory));
    }
}
