using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Scheduler;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the supply-channel scheduler.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>Adds the channel registry bound to <c>SpeedUp:Channels</c>, validated at start-up.</summary>
    public static IServiceCollection AddSupplyChannels(this IServiceCollection services)
    {
        services.AddOptions<SchedulerOptions>().BindConfiguration("SpeedUp").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.TryAddSingleton<SupplyChannelRegistry>();
        services.TryAddSingleton<ISupplyChannels>(sp => sp.GetRequiredService<SupplyChannelRegistry>());
        return services;
    }
}
