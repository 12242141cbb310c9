using Microsoft.Extensions.Logging;
using Npgsql;
using SpeedUp.Core.Access;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Storage;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Used nonces in PostgreSQL, shared by every instance. Recording is one statement: an insert whose conflict is an
/// expired entry takes its place, a live entry refuses, atomically among instances — judged at the caller's instant.
/// The records of concurrent calls go as one batch (one round trip, one transaction: <see cref="GroupCommit{TWrite, TResult}"/>),
/// in key and nonce order, so two instances' batches take their row locks in the same order and cannot deadlock.
/// Entries whose remember-until that instant has reached are deleted once every <see cref="SweepEvery"/> records.
/// </summary>
public sealed class PostgresUsedNonceStore(PostgresDatabase database, ILogger<PostgresUsedNonceStore> logger) : IUsedNonceStore
{
    /// <summary>Expired entries are deleted once every this many records (of this instance).</summary>
    internal const int SweepEvery = 4096;

    private const string RecordSql = """
        INSERT INTO used_nonces (key_id, nonce, remember_until) VALUES (@key, @nonce, @until)
        ON CONFLICT (key_id, nonce) DO UPDATE SET remember_until = excluded.remember_until
            WHERE used_nonces.remember_until <= @now
        """;

    private readonly GroupCommit<NonceUse, bool> _group = new((uses, ct) => RecordAllAsync(database, uses, ct));
    private int _sinceSweep;

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var probe = connection.Command("SELECT 1 FROM used_nonces LIMIT 1");
            await probe.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException(
                $"PostgreSQL store at {database.Address} has no used_nonces table: the migrations have not run (AddPostgresStorage runs them at start-up).", e);
        }
        catch (NpgsqlException e)
        {
            throw database.StartupFailure("the used-nonce store cannot reach", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(
        string accessKeyId, string nonce, DateTimeOffset now, DateTimeOffset rememberUntil, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery == 0)
        {
            await SweepAsync(now, cancellationToken).ConfigureAwait(false);
        }

        return await _group.WriteAsync(new NonceUse(accessKeyId, nonce, now, rememberUntil), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a batch of uses in one round trip and one transaction.</summary>
    private static Task<IReadOnlyList<bool>> RecordAllAsync(PostgresDatabase database, IReadOnlyList<NonceUse> uses, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<bool>>(async (connection, ct) =>
        {
            var order = Enumerable.Range(0, uses.Count)
                .OrderBy(i => uses[i].AccessKeyId, StringComparer.Ordinal).ThenBy(i => uses[i].Nonce, StringComparer.Ordinal).ToArray();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var i in order)
            {
                var use = uses[i];
                var record = new NpgsqlBatchCommand(RecordSql);
                record.Parameters.Add(new NpgsqlParameter<string>("key", use.AccessKeyId));
                record.Parameters.Add(new NpgsqlParameter<string>("nonce", use.Nonce));
                record.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until", use.RememberUntil.ToUniversalTime()));
                record.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", use.Now.ToUniversalTime()));
                batch.BatchCommands.Add(record);
            }

            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            var recorded = new bool[uses.Count];
            for (var k = 0; k < order.Length; k++)
            {
                recorded[order[k]] = batch.BatchCommands[k].RecordsAffected == 1;
            }

            return recorded;
        }, cancellationToken);

    private async Task SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await database.RunAsync(async (connection, ct) =>
            {
                await using var sweep = connection.Command("DELETE FROM used_nonces WHERE remember_until <= @now").WithTime("now", now);
                return await sweep.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            Log.NoncesSwept(logger, deleted);
        }
        catch (StoreUnavailableException e)
        {
            // The record itself reports the outage; a missed sweep only leaves rows for the next one.
            Log.NonceSweepFailed(logger, e);
        }
    }

    private sealed record NonceUse(string AccessKeyId, string Nonce, DateTimeOffset Now, DateTimeOffset RememberUntil);
}
