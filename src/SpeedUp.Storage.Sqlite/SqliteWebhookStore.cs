using Microsoft.Data.Sqlite;
using SpeedUp.Core.Webhooks;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Webhook sinks and deliveries in SQLite (one instance: its writes are serialized by <see cref="SqliteDatabase.WriteAsync"/>).
/// A delivery's event is read from <c>session_events</c> at claim time.
/// </summary>
public sealed class SqliteWebhookStore(SqliteDatabase database) : IWebhookStore
{
    private const string SinkColumns = "s.id, s.customer_id, s.url, s.secret, s.created_at, s.after_seq";

    /// <inheritdoc />
    public async Task<WebhookSink> CreateSinkAsync(WebhookSink sink, CancellationToken cancellationToken)
    {
        var stored = sink;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO webhook_sinks (id, customer_id, url, secret, created_at, after_seq)
                VALUES ($id, $customer, $url, $secret, $created, (SELECT COALESCE(MAX(seq), 0) FROM session_events))
                RETURNING after_seq
                """;
            command.Parameters.AddWithValue("$id", sink.Id);
            command.Parameters.AddWithValue("$customer", sink.CustomerId);
            command.Parameters.AddWithValue("$url", sink.Url);
            command.Parameters.AddWithValue("$secret", sink.ProtectedSecret);
            command.Parameters.AddWithValue("$created", UnixTime.ToStored(sink.CreatedAt));
            stored = sink with { AfterSequence = Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) };
        }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSink>> ListSinksAsync(string customerId, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {SinkColumns} FROM webhook_sinks s WHERE s.customer_id = $customer ORDER BY s.created_at, s.id",
            c => c.Parameters.AddWithValue("$customer", customerId), r => ReadSink(r, 0), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<WebhookSink?> FindSinkAsync(string sinkId, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {SinkColumns} FROM webhook_sinks s WHERE s.id = $id",
            c => c.Parameters.AddWithValue("$id", sinkId), r => ReadSink(r, 0), cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <inheritdoc />
    public Task<bool> SetSecretAsync(string sinkId, byte[] protectedSecret, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE webhook_sinks SET secret = $secret WHERE id = $id", c =>
        {
            c.Parameters.AddWithValue("$id", sinkId);
            c.Parameters.AddWithValue("$secret", protectedSecret);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteSinkAsync(string sinkId, CancellationToken cancellationToken)
    {
        var deleted = false;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            deleted = await NonQueryAsync(connection, transaction, "DELETE FROM webhook_sinks WHERE id = $id", c => c.Parameters.AddWithValue("$id", sinkId), ct).ConfigureAwait(false) > 0;
            await NonQueryAsync(connection, transaction, "DELETE FROM webhook_deliveries WHERE sink_id = $id", c => c.Parameters.AddWithValue("$id", sinkId), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task<int> FanOutAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // A read first (WAL: it waits for no writer): the write is taken only when a sink is behind the outbox.
        if (!await ExistsAsync("SELECT EXISTS (SELECT 1 FROM webhook_sinks WHERE after_seq < (SELECT COALESCE(MAX(seq), 0) FROM session_events))",
            _ => { }, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var queued = 0;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var horizon = connection.CreateCommand())
            {
                horizon.Transaction = transaction;
                horizon.CommandText = """
                    SELECT MIN((SELECT COALESCE(MAX(seq), 0) FROM session_events), (SELECT MIN(after_seq) FROM webhook_sinks) + $limit)
                    """;
                horizon.Parameters.AddWithValue("$limit", limit);
                var through = await horizon.ExecuteScalarAsync(ct).ConfigureAwait(false);
                if (through is null or DBNull)
                {
                    return; // no sink
                }

                var h = Convert.ToInt64(through, System.Globalization.CultureInfo.InvariantCulture);
                queued = await NonQueryAsync(connection, transaction, """
                    INSERT OR IGNORE INTO webhook_deliveries (sink_id, seq, state, attempts, next_attempt_at)
                    SELECT s.id, e.seq, 'Pending', 0, $now
                    FROM webhook_sinks s JOIN session_events e ON e.customer_id = s.customer_id AND e.seq > s.after_seq AND e.seq <= $through
                    """, c =>
                {
                    c.Parameters.AddWithValue("$now", UnixTime.ToStored(now));
                    c.Parameters.AddWithValue("$through", h);
                }, ct).ConfigureAwait(false);
                await NonQueryAsync(connection, transaction, "UPDATE webhook_sinks SET after_seq = $through WHERE after_seq < $through",
                    c => c.Parameters.AddWithValue("$through", h), ct).ConfigureAwait(false);
            }

        }, cancellationToken).ConfigureAwait(false);
        return queued;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync("SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE state = 'Pending' AND next_attempt_at <= $now)",
            c => c.Parameters.AddWithValue("$now", UnixTime.ToStored(now)), cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        IReadOnlyList<DueWebhookDelivery> claimed = [];
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            var until = UnixTime.ToStored(now + lease);
            await NonQueryAsync(connection, transaction, """
                UPDATE webhook_deliveries SET claimed_by = $instance, claim_until = $until
                WHERE (sink_id, seq) IN (
                    SELECT sink_id, seq FROM webhook_deliveries
                    WHERE state = 'Pending' AND next_attempt_at <= $now
                      AND (claim_until IS NULL OR claim_until < $now OR claimed_by = $instance)
                    ORDER BY next_attempt_at, seq LIMIT $limit)
                """, c =>
            {
                c.Parameters.AddWithValue("$instance", instanceId);
                c.Parameters.AddWithValue("$until", until);
                c.Parameters.AddWithValue("$now", UnixTime.ToStored(now));
                c.Parameters.AddWithValue("$limit", limit);
            }, ct).ConfigureAwait(false);
            await using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = $"""
                    SELECT {SinkColumns}, d.seq, d.attempts, {EventColumns("e")}
                    FROM webhook_deliveries d JOIN webhook_sinks s ON s.id = d.sink_id LEFT JOIN session_events e ON e.seq = d.seq
                    WHERE d.claimed_by = $instance AND d.claim_until = $until AND d.state = 'Pending'
                    ORDER BY d.seq
                    """;
                read.Parameters.AddWithValue("$instance", instanceId);
                read.Parameters.AddWithValue("$until", until);
                await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var rows = new List<DueWebhookDelivery>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(new DueWebhookDelivery(ReadSink(reader, 0), reader.GetInt64(6), reader.GetInt32(7),
                        reader.IsDBNull(8) ? null : SqliteSessionEventStore.Read(reader, 8)));
                }

                claimed = rows;
            }

        }, cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    /// <inheritdoc />
    public Task<bool> RecordAttemptAsync(string instanceId, WebhookAttempt attempt, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE webhook_deliveries
            SET state = $state, attempts = attempts + 1, next_attempt_at = $next, last_attempt_at = $at, last_status = $status,
                last_error = $error, claimed_by = NULL, claim_until = NULL
            WHERE sink_id = $sink AND seq = $seq AND claimed_by = $instance AND state = 'Pending'
            """, c =>
        {
            c.Parameters.AddWithValue("$state", attempt.State.ToString());
            c.Parameters.AddWithValue("$next", UnixTime.ToStored(attempt.NextAttemptAt));
            c.Parameters.AddWithValue("$at", UnixTime.ToStored(attempt.At));
            c.Parameters.AddWithValue("$status", (object?)attempt.Status ?? DBNull.Value);
            c.Parameters.AddWithValue("$error", (object?)Truncate(attempt.Error) ?? DBNull.Value);
            c.Parameters.AddWithValue("$sink", attempt.SinkId);
            c.Parameters.AddWithValue("$seq", attempt.Sequence);
            c.Parameters.AddWithValue("$instance", instanceId);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string sinkId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken) =>
        await ReadAsync($"""
            SELECT d.sink_id, d.seq, e.event_id, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error
            FROM webhook_deliveries d LEFT JOIN session_events e ON e.seq = d.seq
            WHERE d.sink_id = $sink {(state is null ? "" : "AND d.state = $state")}
            ORDER BY d.last_attempt_at IS NULL, d.last_attempt_at DESC, d.seq DESC LIMIT $limit
            """, c =>
        {
            c.Parameters.AddWithValue("$sink", sinkId);
            c.Parameters.AddWithValue("$state", state?.ToString() ?? "");
            c.Parameters.AddWithValue("$limit", limit);
        }, r => new WebhookDelivery(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), Enum.Parse<WebhookDeliveryState>(r.GetString(3)),
            r.GetInt32(4), UnixTime.FromStored(r.GetInt64(5)), r.IsDBNull(6) ? null : UnixTime.FromStored(r.GetInt64(6)),
            r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8)), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<int> ReplayAsync(string sinkId, IReadOnlyCollection<long> sequences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var replayed = 0;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            replayed = await NonQueryAsync(connection, transaction, $"""
                UPDATE webhook_deliveries SET state = 'Pending', attempts = 0, next_attempt_at = $now, claimed_by = NULL, claim_until = NULL
                WHERE sink_id = $sink AND {(sequences.Count == 0 ? "state = 'DeadLettered'" : "seq IN (SELECT value FROM json_each($seqs))")}
                """, c =>
            {
                c.Parameters.AddWithValue("$now", UnixTime.ToStored(now));
                c.Parameters.AddWithValue("$sink", sinkId);
                c.Parameters.AddWithValue("$seqs", "[" + string.Join(',', sequences.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]");
            }, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return replayed;
    }

    private static string EventColumns(string alias) =>
        string.Join(", ", SqliteSessionEventStore.Columns.Split(", ").Select(c => $"{alias}.{c}"));

    private static WebhookSink ReadSink(SqliteDataReader r, int at) => new(
        r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), (byte[])r.GetValue(at + 3), UnixTime.FromStored(r.GetInt64(at + 4)), r.GetInt64(at + 5));

    private static string? Truncate(string? error) =>
        error is { Length: > WebhookAttempt.MaxErrorLength } ? error[..WebhookAttempt.MaxErrorLength] : error;

    private async Task<List<T>> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(read(reader));
        }

        return result;
    }

    private async Task<bool> ExistsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        (await ReadAsync(sql, bind, r => r.GetInt64(0) != 0, cancellationToken).ConfigureAwait(false)).Single();

    private async Task<bool> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var changed = 0;
        await database.WriteAsync(async (connection, transaction, ct) =>
            changed = await NonQueryAsync(connection, transaction, sql, bind, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    private static async Task<int> NonQueryAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
