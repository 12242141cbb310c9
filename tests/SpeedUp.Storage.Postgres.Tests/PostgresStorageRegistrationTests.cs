using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>What AddPostgresStorage registers.</summary>
public sealed class PostgresStorageRegistrationTests
{
    [Fact]
    public void AddPostgresStorage_AfterCoreInProcessLocks_ReplacesThem()
    {
        var services = new ServiceCollection();
        services.TryAddSingleton<ILineLocks, InProcessLineLocks>(); // as AddSpeedUpCore does

        services.AddPostgresStorage();

        Assert.Equal(typeof(PostgresLineLocks), Assert.Single(services, d => d.ServiceType == typeof(ILineLocks)).ImplementationType);
        Assert.Equal(typeof(PostgresChannelCapacityLedger), Assert.Single(services, d => d.ServiceType == typeof(IChannelCapacityLedger)).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PostgresStartup));
    }

    [Fact]
    public void AddPostgresStorage_BeforeCoreInProcessLocks_StillWins()
    {
        var services = new ServiceCollection();

        services.AddPostgresStorage().AddPostgresStorage();
        services.TryAddSingleton<ILineLocks, InProcessLineLocks>();

        Assert.Equal(typeof(PostgresLineLocks), Assert.Single(services, d => d.ServiceType == typeof(ILineLocks)).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
