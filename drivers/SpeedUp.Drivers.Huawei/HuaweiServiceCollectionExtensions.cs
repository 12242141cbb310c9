using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Huawei;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the China Telecom equipment drivers.</summary>
public static class HuaweiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="HuaweiCliDriverFactory"/> (<c>huawei-cli-ssh</c>) as an <see cref="ISubscriberLineDriverFactory"/>. Idempotent.</summary>
    public static IServiceCollection AddHuaweiDrivers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, HuaweiCliDriverFactory>());
        return services;
    }
}
