using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>
/// Provisions <c>SpeedUp:Security:BootstrapKeys</c> at start-up, before the service listens
/// (<see cref="BootstrapKeyProvisioner"/>); a weak bootstrap secret stops start-up.
/// </summary>
internal sealed class AccessKeySeedWorker(BootstrapKeyProvisioner provisioner) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => provisioner.ProvisionAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
