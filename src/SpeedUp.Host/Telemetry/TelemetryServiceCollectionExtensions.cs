using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Sessions;
using SpeedUp.Host;
using SpeedUp.Host.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the service's metrics and their export (docs/operations-metrics.md).</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The <c>service.name</c> of every exported metric.</summary>
    public const string ServiceName = "speedup-adapter";

    /// <summary>
    /// Adds the host's instruments (calls, refusals, journal writes; the session store is decorated, so call this after
    /// the storage is registered), the open-session count, and OpenTelemetry metrics: the service's meters, ASP.NET Core
    /// and runtime instrumentation, the Prometheus exporter (scraped on the admin listener, <c>SpeedUp:Admin</c>) and,
    /// when <c>SpeedUp:Telemetry:OtlpEndpoint</c> is set, OTLP. Tracing is registered elsewhere
    /// (<c>ConfigureOpenTelemetryTracerProvider</c>).
    /// </summary>
    public static IServiceCollection AddSpeedUpTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.AddOptions<HostingOptions>().BindConfiguration("SpeedUp:Host");
        services.AddOptions<AdminEndpointOptions>().BindConfiguration(AdminEndpointOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminEndpointOptions>, AdminEndpointOptionsValidator>());
        services.TryAddSingleton<ListeningEndpoints>();
        services.TryAddSingleton<CallMetrics>();
        services.TryAddSingleton<AuthenticationMetrics>();
        services.TryAddSingleton<StorageMetrics>();
        services.AddHostedService<OpenSessionsSampler>();
        services.DecorateSessionStore(configuration);

        // Read when the service is built, as the storage provider is: the exporters are fixed for the process.
        var otlpEndpoint = configuration[TelemetryOptions.Section + ":OtlpEndpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString(),
                    autoGenerateServiceInstanceId: false)
                .AddDetector(sp => new InstanceResourceDetector(sp.GetRequiredService<InstanceIdentity>())))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter([.. SpeedUpMeters.All])
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlpEndpoint) && Uri.TryCreate(otlpEndpoint, UriKind.Absolute, out var endpoint))
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
            });
        return services;
    }

    /// <summary>Wraps the registered <see cref="ISessionStore"/> in <see cref="TimedSessionStore"/>.</summary>
    private static void DecorateSessionStore(this IServiceCollection services, IConfiguration configuration)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ISessionStore) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register the storage before AddSpeedUpTelemetry: it times the session store's writes.");
        var provider = configuration[StorageSelection.ProviderKey];
        var store = provider is { Length: > 0 } && provider.StartsWith("Postgres", StringComparison.OrdinalIgnoreCase) ? "postgresql" : "sqlite";
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(ISessionStore), sp => new TimedSessionStore(
            (ISessionStore)Create(sp, registered), store, sp.GetRequiredService<StorageMetrics>(), sp.GetRequiredService<TimeProvider>()),
            registered.Lifetime));
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
