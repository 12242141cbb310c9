using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Location;
using SpeedUp.Location;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the IP locator.</summary>
public static class IpLocationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IpLocationOptions"/> bound from configuration section <c>SpeedUp:Location</c>
    /// (validated at start-up: the database file must exist and the overrides must be valid) and
    /// <see cref="IIpLocator"/> as a singleton <see cref="IpLocator"/> that loads the database on first use.
    /// Requires an <c>IConfiguration</c> in the container (the generic host provides one).
    /// </summary>
    public static IServiceCollection AddIpLocation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IpLocationOptions>()
            .BindConfiguration(IpLocationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IpLocationOptions>, IpLocationOptionsValidator>());
        services.TryAddSingleton(provider => new IpLocator(provider.GetRequiredService<IOptions<IpLocationOptions>>()));
        services.TryAddSingleton<IIpLocator>(provider => provider.GetRequiredService<IpLocator>());
        return services;
    }
}
