using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;

namespace SpeedUp.Host.HealthChecks;

/// <summary>
/// Whether the supply channels can carry speed-ups. For the whole instance (<paramref name="area"/> null, readiness):
/// healthy when every channel serves; degraded when a channel is down or some carrier/province has none left (the
/// instance still serves the others, and every instance shares the same equipment, so taking it out of the balancer
/// would not help); unhealthy only when no channel serves at all. For one carrier and province (its own gRPC health
/// service name): healthy, degraded when one of its channels is down, unhealthy when none serves it.
/// </summary>
internal sealed class SupplyHealthCheck(SupplyChannelRegistry registry, (Carrier Carrier, string Province)? area = null) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var areas = SupplyArea.Of(registry).Where(a => area is null || (a.Carrier == area.Value.Carrier && a.Province == area.Value.Province)).ToArray();
        var data = areas.ToDictionary(a => $"{a.Carrier}/{a.Province}", a => (object)a.Describe());
        var dark = areas.Where(a => a.Serving.Count == 0).Select(a => $"{a.Carrier}/{a.Province}").ToArray();
        HealthCheckResult result;
        if (areas.Length == 0 || areas.All(a => a.Serving.Count == 0))
        {
            result = HealthCheckResult.Unhealthy(areas.Length == 0 ? "No supply channel serves this area." : "No supply channel serves.", data: data);
        }
        else if (areas.Any(a => a.Down.Count > 0))
        {
            var down = $"Channels down: {string.Join(", ", areas.SelectMany(a => a.Down).Distinct(StringComparer.Ordinal))}";
            result = HealthCheckResult.Degraded(
                dark.Length > 0 ? $"{down}; no serving channel for {string.Join(", ", dark)}." : $"{down}; every area still has one serving.", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy("Every supply channel serves.", data);
        }

        return Task.FromResult(result);
    }
}
