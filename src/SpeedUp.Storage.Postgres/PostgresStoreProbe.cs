using SpeedUp.Core.Storage;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>Readiness of the PostgreSQL database: one round trip on the stores' pool.</summary>
public sealed class PostgresStoreProbe(PostgresDatabase database) : IStoreProbe
{
    /// <inheritdoc />
    public Task ProbeAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT 1");
            await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
