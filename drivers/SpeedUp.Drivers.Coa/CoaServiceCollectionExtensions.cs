using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Coa;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the RADIUS CoA drivers.</summary>
public static class CoaServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HuaweiCoaDriverFactory"/> (<c>huawei-coa</c>) and <see cref="ZteCoaDriverFactory"/> (<c>zte-coa</c>)
    /// as <see cref="ISubscriberLineDriverFactory"/>s; their read faces come from the other registered factories. Idempotent.
    /// </summary>
    public static IServiceCollection AddCoaDrivers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, HuaweiCoaDriverFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubscriberLineDriverFactory, ZteCoaDriverFactory>());
        return services;
    }
}
