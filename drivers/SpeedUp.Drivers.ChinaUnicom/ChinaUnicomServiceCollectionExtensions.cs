using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.ChinaUnicom;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the China Unicom equipment drivers.</summary>
public static class ChinaUnicomServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ZteSnmpDriverFactory"/> (<c>zte-snmp</c>) as an <see cref="ISubscriberLineDriverFactory"/>. Idempotent.</summary>
    public static IServiceCollection AddChinaUnicomDrivers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, ZteSnmpDriverFactory>());
        return services;
    }
}
