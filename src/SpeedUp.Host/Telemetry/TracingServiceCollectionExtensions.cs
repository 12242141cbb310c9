using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SpeedUp.Host.Telemetry;
using SpeedUp.Scheduler;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the service's traces (OpenTelemetry).</summary>
public static class TracingServiceCollectionExtensions
{
    /// <summary>The service name spans are exported under.</summary>
    public const string ServiceName = "speedup-adapter";

    /// <summary>
    /// Traces every gRPC call (ASP.NET Core's server span; the caller's W3C <c>traceparent</c> is honoured) and the
    /// product's spans below it (<see cref="SpeedUpTracing.SourceNames"/>: scheduler runs and attempts, driver calls,
    /// CLI commands, SNMP requests); exports them over OTLP when <c>SpeedUp:Telemetry:OtlpEndpoint</c> is set; and
    /// hands <c>SpeedUp:Telemetry:RecordAccounts</c> to every channel's driver. Health checks are not traced.
    /// </summary>
    public static IServiceCollection AddSpeedUpTracing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TracingOptions.Section).Get<TracingOptions>() ?? new TracingOptions();
        services.AddOptions<TracingOptions>().BindConfiguration(TracingOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "SpeedUp:Telemetry:OtlpEndpoint must be an absolute URI, e.g. http://collector:4317.")
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<SchedulerOptions>, RecordAccountsPolicy>();

        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            // The resource (service.name, service.instance.id) is set once for metrics and traces by AddSpeedUpTelemetry.
            tracing
                .AddSource([.. SpeedUpTracing.SourceNames])
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal));
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
            {
                tracing.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }
        });
        return services;
    }

    /// <summary>Lets every channel's driver record accounts in spans when <c>SpeedUp:Telemetry:RecordAccounts</c> is on.</summary>
    private sealed class RecordAccountsPolicy(IOptions<TracingOptions> tracing) : IPostConfigureOptions<SchedulerOptions>
    {
        public void PostConfigure(string? name, SchedulerOptions options)
        {
            foreach (var channel in options.Channels)
            {
                channel.RecordAccountsInTraces |= tracing.Value.RecordAccounts;
            }
        }
    }
}
