using Microsoft.Extensions.Logging;
using Npgsql;
using SpeedUp.Core.Sessions;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Line locks among every instance sharing the database. First an in-process gate, so callers of one instance queue in
/// memory and not on connections; then a session-level <c>pg_advisory_lock(band_id)</c> (the bigint key space, which
/// never meets the two-int keys of the migration and channel locks) on a connection of the locks' pool kept open until
/// release. If the instance dies, the database ends its session and the lock with it.
/// </summary>
public sealed class PostgresLineLocks(PostgresDatabase database, ILogger<PostgresLineLocks> logger) : ILineLocks
{
    private readonly InProcessLineLocks _local = new();

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        return (await LockAsync(local, bandId, "SELECT pg_advisory_lock(@key)", cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var local = await _local.TryAcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        return local is null ? null : await LockAsync(local, bandId, "SELECT pg_try_advisory_lock(@key)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the database lock after the local one; null when the try-lock finds it taken (both released then).</summary>
    private async Task<IAsyncDisposable?> LockAsync(IAsyncDisposable local, long bandId, string sql, CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await database.OpenLockConnectionAsync(cancellationToken).ConfigureAwait(false);

            // No command timeout: waiting for a busy line is not a failure; cancellation ends the wait (Npgsql cancels the statement).
            await using var command = connection.Command(sql).With("key", bandId);
            command.CommandTimeout = 0;
            var taken = await database.GuardAsync(() => command.ExecuteScalarAsync(cancellationToken)).ConfigureAwait(false);
            if (taken is false)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                await local.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return new Holding(this, local, connection, bandId);
        }
        catch
        {
            if (connection is not null)
            {
                // A cancelled wait may race with the grant: close the session rather than pool a connection that might hold the lock.
                NpgsqlConnection.ClearPool(connection);
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task UnlockAsync(NpgsqlConnection connection, long bandId)
    {
        try
        {
            await using var unlock = connection.Command("SELECT pg_advisory_unlock(@key)").With("key", bandId);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Closing the session frees the lock: make sure the connection is closed, not pooled.
            Log.LineUnlockFailed(logger, bandId, database.Address, e);
            NpgsqlConnection.ClearPool(connection);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A held line: releasing unlocks it in the database, then opens the local gate.</summary>
    private sealed class Holding(PostgresLineLocks owner, IAsyncDisposable local, NpgsqlConnection connection, long bandId) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    await owner.UnlockAsync(connection, bandId).ConfigureAwait(false);
                }
                finally
                {
                    await local.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
