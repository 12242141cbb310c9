using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Scheduler;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the supply-channel scheduler.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the channel registry bound to <c>SpeedUp:Channels</c> (validated at start-up) and the health monitor
    /// (<c>SpeedUp:Scheduler</c>).
    /// </summary>
    public static IServiceCollection AddSupplyChannels(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchedulerOptions>().BindConfiguration("SpeedUp").ValidateOnStart();
        services.AddOptions<ChannelHealthOptions>().BindConfiguration("SpeedUp:Scheduler")
            .Validate(o => o.HealthProbeInterval >= TimeSpan.FromMilliseconds(100), "SpeedUp:Scheduler:HealthProbeInterval must be >= 100 ms.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.TryAddSingleton<ChannelMetrics>();
        services.TryAddSingleton<SupplyChannelRegistry>();
        services.TryAddSingleton<ISupplyScheduler, SupplyChannelScheduler>();
        services.TryAddSingleton<ChannelHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelHealthMonitor>());
        return services;
    }
}
