using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Core.Telemetry;
using SpeedUp.Core.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the speed-up domain.</summary>
public static class SpeedUpCoreServiceCollectionExtensions
{
    /// <summary>Adds the catalogue, access key, customer, pre-check, order, session, billing and statistics services (storage, location, channels and the <see cref="ActionCatalogue"/> are registered separately).</summary>
    public static IServiceCollection AddSpeedUpCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogueOptions>().BindConfiguration("SpeedUp:Catalogue").ValidateOnStart();
        services.AddOptions<PrecheckOptions>().BindConfiguration("SpeedUp:Precheck").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrecheckOptions>, PrecheckOptionsValidator>());
        services.AddOptions<SpeedUpSessionOptions>().BindConfiguration("SpeedUp:Sessions").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeedUpSessionOptions>, SpeedUpSessionOptionsValidator>());
        services.AddOptions<ClusterOptions>().BindConfiguration("SpeedUp:Cluster").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton<InstanceIdentity>();
        services.AddOptions<SecurityOptions>().BindConfiguration("SpeedUp:Security").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<MasterKeySource>();
        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.TryAddSingleton<AccessKeyService>();
        services.TryAddSingleton<BootstrapKeyProvisioner>();
        services.AddOptions<CustomerOptions>().BindConfiguration("SpeedUp:Customers").ValidateOnStart();
        services.AddOptions<PricingOptions>().BindConfiguration("SpeedUp:Pricing").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CustomerOptions>, CustomerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>());
        services.AddOptions<MonthEndSettlementOptions>().BindConfiguration("SpeedUp:Settlement").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonthEndSettlementOptions>, MonthEndSettlementOptionsValidator>());
        services.TryAddScoped<CallerIdentity>();
        services.TryAddScoped<ICallerContext>(sp => sp.GetRequiredService<CallerIdentity>());
        services.TryAddSingleton<CustomerService>();
        services.TryAddSingleton<PriceList>();
        services.TryAddSingleton<SettlementService>();
        services.TryAddSingleton<StatisticsService>();
        services.TryAddSingleton<OfferCatalogue>();
        services.TryAddSingleton<ILineLocks, InProcessLineLocks>();
        services.TryAddSingleton<IPeriodicJobTurns, InProcessPeriodicJobTurns>();
        services.TryAddSingleton<PrecheckGuard>();
        services.TryAddSingleton<RecentLineLookups>();
        services.TryAddSingleton<PrecheckService>();
        services.TryAddSingleton<OrderService>();
        services.TryAddSingleton<SessionMetrics>();
        services.TryAddSingleton<SessionRestorer>();
        services.TryAddSingleton<SessionReconciler>();
        services.TryAddSingleton<SpeedUpApplier>();
        services.TryAddSingleton<SpeedUpSessionService>();
        services.TryAddSingleton<RefusedStartRecorder>();
        services.TryAddSingleton<SalesQueries>();
        services.TryAddSingleton<SessionLookupService>();
        services.TryAddSingleton<OperatorSessionService>();
        services.AddOptions<SessionEventOptions>().BindConfiguration(SessionEventOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionEventOptions>, SessionEventOptionsValidator>());
        services.TryAddSingleton<SessionEventSignal>();
        services.TryAddSingleton<SessionEventFeed>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookUrlPolicy>();
        services.TryAddSingleton<WebhookService>();
        return services;
    }
}
