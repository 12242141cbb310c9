using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the speed-up domain.</summary>
public static class SpeedUpCoreServiceCollectionExtensions
{
    /// <summary>Adds the catalogue, pre-check, order and session services (storage, location and channels are registered separately).</summary>
    public static IServiceCollection AddSpeedUpCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogueOptions>().BindConfiguration("SpeedUp:Catalogue").ValidateOnStart();
        services.AddOptions<PrecheckOptions>().BindConfiguration("SpeedUp:Precheck");
        services.AddOptions<SpeedUpSessionOptions>().BindConfiguration("SpeedUp:Sessions").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeedUpSessionOptions>, SpeedUpSessionOptionsValidator>());
        services.TryAddSingleton<OfferCatalogue>();
        services.TryAddSingleton<LineLocks>();
        services.TryAddSingleton<PrecheckGuard>();
        services.TryAddSingleton<PrecheckService>();
        services.TryAddSingleton<OrderService>();
        services.TryAddSingleton<ChannelFailover>();
        services.TryAddSingleton<SessionRestorer>();
        services.TryAddSingleton<SessionReconciler>();
        services.TryAddSingleton<SpeedUpApplier>();
        services.TryAddSingleton<SpeedUpSessionService>();
        return services;
    }
}
