using System.Net;
using SpeedUp.Core.Sessions;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>A customer's line by address (its latest pre-check or session there) and its sessions, in PostgreSQL.</summary>
public sealed class PostgresSessionLookupStore(PostgresDatabase database) : ISessionLookupStore
{
    /// <inheritdoc />
    public Task<long?> LocateBandAsync(string customerId, IPAddress address, int port, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT band_id FROM (
                    SELECT band_id, started_at AS at FROM sessions WHERE customer_id = @customer AND ip_address = @ip AND port = @port
                    UNION ALL
                    SELECT band_id, checked_at FROM prechecks WHERE customer_id = @customer AND ip_address = @ip AND port = @port) AS seen
                ORDER BY at DESC LIMIT 1
                """).With("customer", customerId).With("ip", address).With("port", port);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long bandId ? bandId : (long?)null;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListLatestAsync(string customerId, long bandId, int limit, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(
                $"SELECT {PostgresSessionStore.Columns} FROM sessions WHERE customer_id = @customer AND band_id = @band_id ORDER BY started_at DESC, seq DESC LIMIT @limit")
                .With("customer", customerId).With("band_id", bandId).With("limit", limit);
            return await command.ReadAllAsync(PostgresSessionStore.Read, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
}
