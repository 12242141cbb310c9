using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Host.Drivers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of every driver the service can find, without a central table.</summary>
public static class DriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="DriverFactoryAttribute"/> factories of the shipped driver assemblies (beside the
    /// service), of <c>SpeedUp:Drivers:PluginDirectory</c>, and one <see cref="DialectCliDriverFactory"/> per
    /// <c>*.dialect.json</c> of <c>SpeedUp:Drivers:DialectDirectory</c> (relative paths: from the service's own folder,
    /// where <c>drivers/dialects</c> is copied as <c>dialects</c>).
    /// With <c>SpeedUp:Drivers:PluginSha256</c> set, a plugin file whose SHA-256 is not listed is refused (it stops the
    /// service, naming the file and its digest); every loaded plugin is logged with its digest at start-up.
    /// A plugin or dialect that cannot be loaded stops the service with its message; duplicate driver names are
    /// refused by the channel validation at start-up. Channel secrets resolve through the registered
    /// <see cref="ISecretResolver"/> (the environment unless the host registers another).
    /// </summary>
    public static IServiceCollection AddDiscoveredDrivers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("SpeedUp:Drivers").Get<DriverLoadingOptions>() ?? new DriverLoadingOptions();
        services.TryAddSingleton<ISecretResolver>(EnvironmentSecretResolver.Instance);
        var allowList = new PluginAllowList(options.PluginSha256);
        var loaded = new LoadedDriverPlugins(!allowList.IsEmpty);
        services.AddSingleton(loaded);
        services.AddHostedService<DriverPluginStartupLog>();
        var assemblies = DriverDiscovery.Shipped(AppContext.BaseDirectory)
            .Concat(DriverDiscovery.Plugins(FromServiceFolder(options.PluginDirectory), allowList, loaded));
        foreach (var type in assemblies.SelectMany(DriverDiscovery.FactoryTypes))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ISubscriberLineDriverFactory), type));
        }

        foreach (var dialect in FromServiceFolder(options.DialectDirectory) is { } folder ? DialectLoader.LoadFolder(folder) : [])
        {
            services.AddSingleton<ISubscriberLineDriverFactory>(sp => new DialectCliDriverFactory(dialect, sp.GetService<ILoggerFactory>(), sp.GetService<ISecretResolver>()));
        }

        return services;
    }

    private static string? FromServiceFolder(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, AppContext.BaseDirectory);
}
