using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.ChinaTelecom;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the China Telecom equipment drivers.</summary>
public static class ChinaTelecomServiceCollectionExtensions
{
    /// <summary>Adds <see cref="HuaweiCliDriverFactory"/> (<c>huawei-cli-ssh</c>) as an <see cref="ISubscriberLineDriverFactory"/>. Idempotent.</summary>
    public static IServiceCollection AddChinaTelecomDrivers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, HuaweiCliDriverFactory>());
        return services;
    }
}
