using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Core.Access;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Core.Storage;
using SpeedUp.Core.Webhooks;
using SpeedUp.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the SQLite storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>Adds the SQLite stores (files from <c>SpeedUp:Storage:SqlitePath</c> and <c>NonceSqlitePath</c>).</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddOptions<SqliteStorageOptions>().BindConfiguration("SpeedUp:Storage");
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<ISessionStore, SqliteSessionStore>();
        services.TryAddSingleton<ISessionEventStore, SqliteSessionEventStore>();
        services.TryAddSingleton<IPrecheckStore, SqlitePrecheckStore>();
        services.TryAddSingleton<IOrderStore, SqliteOrderStore>();
        services.TryAddSingleton<ICustomerStore, SqliteCustomerStore>();
        services.TryAddSingleton<IAccessKeyStore, SqliteAccessKeyStore>();
        services.TryAddSingleton<IUsedNonceStore, SqliteUsedNonceStore>();
        services.TryAddSingleton<ISettlementStore, SqliteSettlementStore>();
        services.TryAddSingleton<IStatisticsStore, SqliteStatisticsStore>();
        services.TryAddSingleton<IChannelCapacityLedger, SqliteChannelCapacityLedger>();
        services.TryAddSingleton<IStoreProbe, SqliteStoreProbe>();
        services.TryAddSingleton<IRefusedStartStore, SqliteRefusedStartStore>();
        services.TryAddSingleton<ISessionLookupStore, SqliteSessionLookupStore>();
        services.TryAddSingleton<IWebhookStore, SqliteWebhookStore>();
        return services;
    }
}
