using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Storage;

namespace SpeedUp.Host.HealthChecks;

/// <summary>Readiness: the store answers. Without it no call can be journalled, so the instance is not ready.</summary>
internal sealed class StoreHealthCheck(IStoreProbe store) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The store answers.");
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
