using Xunit;

namespace SpeedUp.Testing.Postgres;

/// <summary>
/// One <see cref="PostgresCluster"/> for a test class, collection or assembly (xunit v3 class, collection or assembly
/// fixture). Tests that stop the server should start a cluster of their own instead.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    /// <summary>The running cluster.</summary>
    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    /// <summary>A new empty database with a unique name; returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "t") => Cluster.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _cluster = await PostgresCluster.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}
