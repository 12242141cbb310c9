using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Zte;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the China Unicom equipment drivers.</summary>
public static class ZteServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ZteSnmpDriverFactory"/> (<c>zte-snmp</c>) and <see cref="ZteCliDriverFactory"/> (<c>zte-cli-ssh</c>)
    /// as <see cref="ISubscriberLineDriverFactory"/>s. Idempotent.
    /// </summary>
    public static IServiceCollection AddZteDrivers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, ZteSnmpDriverFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, ZteCliDriverFactory>());
        return services;
    }
}
