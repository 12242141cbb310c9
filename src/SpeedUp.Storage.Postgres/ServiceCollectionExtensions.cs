using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Core.Storage;
using SpeedUp.Core.Webhooks;
using SpeedUp.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the PostgreSQL storage.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PostgreSQL stores (<c>SpeedUp:Storage:ConnectionString</c>, password from the variable named by
    /// <c>SpeedUp:Storage:PasswordEnvironmentVariable</c>), the line locks and channel ledger shared among instances
    /// (replacing the in-process line locks), and the start-up migration, which stops the host when it fails.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.AddOptions<PostgresStorageOptions>().BindConfiguration(PostgresStorageOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<PostgresMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresStartup>());
        services.TryAddSingleton<ISessionStore, PostgresSessionStore>();
        services.TryAddSingleton<ISessionEventStore, PostgresSessionEventStore>();
        services.TryAddSingleton<IPrecheckStore, PostgresPrecheckStore>();
        services.TryAddSingleton<IOrderStore, PostgresOrderStore>();
        services.TryAddSingleton<ICustomerStore, PostgresCustomerStore>();
        services.TryAddSingleton<IAccessKeyStore, PostgresAccessKeyStore>();
        services.TryAddSingleton<IUsedNonceStore, PostgresUsedNonceStore>();
        services.TryAddSingleton<ISettlementStore, PostgresSettlementStore>();
        services.TryAddSingleton<IStatisticsStore, PostgresStatisticsStore>();
        services.TryAddSingleton<IChannelCapacityLedger, PostgresChannelCapacityLedger>();
        services.TryAddSingleton<IStoreProbe, PostgresStoreProbe>();
        services.TryAddSingleton<IRefusedStartStore, PostgresRefusedStartStore>();
        services.TryAddSingleton<ISessionLookupStore, PostgresSessionLookupStore>();
        services.TryAddSingleton<IWebhookStore, PostgresWebhookStore>();

        // Core registers the in-process locks with TryAdd, before or after this: replace them either way.
        services.Replace(ServiceDescriptor.Singleton<ILineLocks, PostgresLineLocks>());
        services.Replace(ServiceDescriptor.Singleton<IPeriodicJobTurns, PostgresPeriodicJobTurns>());
        return services;
    }
}
