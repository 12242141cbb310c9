using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>Opens the used-nonce store before the service listens: a store it cannot use stops it with the setting's name.</summary>
internal sealed class ReplayGuardStartup(IUsedNonceStore nonces) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => nonces.OpenAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
