using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SpeedUp.Scheduler;

namespace SpeedUp.Host.HealthChecks;

/// <summary>
/// Liveness and readiness, over <c>grpc.health.v1</c> (per service) and HTTP. Checks tagged <see cref="Live"/> say the
/// process runs; <see cref="Ready"/>: the store answers and the supply channels can carry speed-ups
/// (<see cref="SupplyHealthCheck"/>). gRPC service names: <c>""</c> and <c>broadband.speedup.v1.SpeedUpService</c>
/// answer readiness, the admin services liveness, and <c>speedup.supply.&lt;Carrier&gt;.&lt;Province&gt;</c> each
/// carrier and province (NOT_SERVING when no channel serves it). Degraded counts as SERVING.
/// </summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>Tag of the liveness checks.</summary>
    public const string Live = "live";

    /// <summary>Tag of the readiness checks.</summary>
    public const string Ready = "ready";

    private const string Area = "area";

    public static IServiceCollection AddSpeedUpHealth(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process runs."), tags: [Live])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .Add(new HealthCheckRegistration("supply", sp => new SupplyHealthCheck(sp.GetRequiredService<SupplyChannelRegistry>()), null, [Ready]));

        // One check per carrier and province of the configured channels, each its own gRPC health service name.
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<SchedulerOptions>>((health, scheduler) =>
        {
            foreach (var (carrier, province) in AreasOf(scheduler.Value))
            {
                health.Registrations.Add(new HealthCheckRegistration(SupplyArea.ServiceNameOf(carrier, province),
                    sp => new SupplyHealthCheck(sp.GetRequiredService<SupplyChannelRegistry>(), (carrier, province)), null, [Area]));
            }
        });
        services.AddOptions<GrpcHealthChecksOptions>().Configure<IOptions<SchedulerOptions>>((grpc, scheduler) =>
        {
            grpc.Services.Map("", r => r.Tags.Contains(Ready));
            grpc.Services.Map(SpeedUpService.Descriptor.FullName, r => r.Tags.Contains(Ready));
            foreach (var admin in new[] { ChannelAdmin.Descriptor, CustomerAdmin.Descriptor, AccessKeyAdmin.Descriptor, WebhookAdmin.Descriptor, SessionAdmin.Descriptor, StatisticsAdmin.Descriptor })
            {
                grpc.Services.Map(admin.FullName, r => r.Tags.Contains(Live));
            }

            foreach (var (carrier, province) in AreasOf(scheduler.Value))
            {
                var name = SupplyArea.ServiceNameOf(carrier, province);
                grpc.Services.Map(name, r => r.Name == name);
            }
        });
        return services;
    }

    private static IEnumerable<(SpeedUp.Drivers.Carrier Carrier, string Province)> AreasOf(SchedulerOptions scheduler) =>
        scheduler.Channels.SelectMany(c => ChannelProvinces.Served(c).Select(p => (c.Carrier, p))).Distinct();
}
