using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>Provisions <c>SpeedUp:Security:BootstrapKeys</c> at start-up, before the service listens.</summary>
internal sealed class AccessKeySeedWorker(AccessKeyService keys) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => keys.SeedAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
