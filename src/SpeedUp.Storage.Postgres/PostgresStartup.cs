using Microsoft.Extensions.Hosting;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Migrates the database when the host starts, before any hosted service's <c>StartAsync</c> (in
/// <see cref="StartingAsync"/>); a failure stops the host. <see cref="StartAsync"/> awaits the same migration, for hosts
/// that do not call the lifecycle hooks.
/// </summary>
public sealed class PostgresStartup(PostgresMigrator migrator) : IHostedLifecycleService
{
    private readonly Lock _gate = new();
    private Task? _migration;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => MigrateOnceAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => MigrateOnceAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _migration ??= migrator.MigrateAsync(cancellationToken);
        }
    }
}
