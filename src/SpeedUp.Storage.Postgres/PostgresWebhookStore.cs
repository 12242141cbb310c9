using Npgsql;
using SpeedUp.Core.Webhooks;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Webhook sinks and deliveries in PostgreSQL, shared by every instance. Fan-out runs under a transaction-level advisory
/// lock (one fan-out at a time across instances) and only up to the newest committed event, whose sequence order is
/// commit order (<see cref="PostgresSessionEventStore"/>); deliveries are claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// and a lease, like restore claims.
/// </summary>
public sealed class PostgresWebhookStore(PostgresDatabase database) : IWebhookStore
{
    /// <summary>The advisory-lock class of the fan-out (0x5350 migrator and ledger, 0x5351 the outbox order).</summary>
    internal const int FanOutLockClassId = 0x5352;

    private const string SinkColumns = "s.id, s.customer_id, s.url, s.secret, s.created_at, s.after_seq";

    private const string EventColumns = "e.seq, e.event_id, e.kind, e.occurred_at, e.customer_id, e.session_id, e.band_id, e.direction, e.state, e.end_reason, e.target_kbps, e.original_kbps, e.scene, e.started_at, e.due_at, e.ended_at";

    /// <inheritdoc />
    public Task<WebhookSink> CreateSinkAsync(WebhookSink sink, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO webhook_sinks (id, customer_id, url, secret, created_at, after_seq)
                VALUES (@id, @customer, @url, @secret, @created, (SELECT COALESCE(MAX(seq), 0) FROM session_events))
                RETURNING after_seq
                """).With("id", sink.Id).With("customer", sink.CustomerId).With("url", sink.Url).WithBytes("secret", sink.ProtectedSecret)
                .WithTime("created", sink.CreatedAt);
            return sink with { AfterSequence = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))! };
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookSink>> ListSinksAsync(string customerId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {SinkColumns} FROM webhook_sinks s WHERE s.customer_id = @customer ORDER BY s.created_at, s.id",
            c => c.With("customer", customerId), r => ReadSink(r, 0), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<WebhookSink?> FindSinkAsync(string sinkId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {SinkColumns} FROM webhook_sinks s WHERE s.id = @id", c => c.With("id", sinkId), r => ReadSink(r, 0), cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    /// <inheritdoc />
    public Task<bool> SetSecretAsync(string sinkId, byte[] protectedSecret, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE webhook_sinks SET secret = @secret WHERE id = @id", c => c.With("id", sinkId).WithBytes("secret", protectedSecret), cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteSinkAsync(string sinkId, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using var sink = connection.Command("DELETE FROM webhook_sinks WHERE id = @id", transaction).With("id", sinkId);
            var deleted = await sink.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
            await using var deliveries = connection.Command("DELETE FROM webhook_deliveries WHERE sink_id = @id", transaction).With("id", sinkId);
            await deliveries.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return deleted;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Every instance runs a fan-out whenever it commits session events. Without any sink, there is nothing to fan
    /// out, so one read answers and nothing waits for the fan-out's lock. A sink added meanwhile starts after the
    /// newest event, so the next pass loses nothing.
    /// </remarks>
    public async Task<int> FanOutAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var anySink = await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM webhook_sinks)");
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
        }, cancellationToken).ConfigureAwait(false);
        return anySink ? await FanOutToSinksAsync(now, limit, cancellationToken).ConfigureAwait(false) : 0;
    }

    private Task<int> FanOutToSinksAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var order = connection.Command("SELECT pg_advisory_xact_lock(@class, 0)", transaction).With("class", FanOutLockClassId))
            {
                await order.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            // Every event up to the newest committed one is committed (appends hold the order lock until they commit).
            await using var horizon = connection.Command(
                "SELECT LEAST((SELECT COALESCE(MAX(seq), 0) FROM session_events), (SELECT MIN(after_seq) FROM webhook_sinks) + @limit)", transaction)
                .With("limit", (long)limit);
            if (await horizon.ExecuteScalarAsync(ct).ConfigureAwait(false) is not long through)
            {
                return 0;
            }

            await using var insert = connection.Command("""
                INSERT INTO webhook_deliveries (sink_id, seq, state, attempts, next_attempt_at)
                SELECT s.id, e.seq, 'Pending', 0, @now
                FROM webhook_sinks s JOIN session_events e ON e.customer_id = s.customer_id AND e.seq > s.after_seq AND e.seq <= @through
                ON CONFLICT DO NOTHING
                """, transaction).WithTime("now", now).With("through", through);
            var queued = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using var advance = connection.Command("UPDATE webhook_sinks SET after_seq = @through WHERE after_seq < @through", transaction)
                .With("through", through);
            await advance.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return queued;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            WITH claimed AS (
                UPDATE webhook_deliveries d SET claimed_by = @instance, claim_until = @until
                FROM (
                    SELECT sink_id, seq FROM webhook_deliveries
                    WHERE state = 'Pending' AND next_attempt_at <= @now
                      AND (claim_until IS NULL OR claim_until < @now OR claimed_by = @instance)
                    ORDER BY next_attempt_at, seq LIMIT @limit
                    FOR UPDATE SKIP LOCKED) due
                WHERE d.sink_id = due.sink_id AND d.seq = due.seq
                RETURNING d.sink_id, d.seq, d.attempts)
            SELECT {SinkColumns}, c.seq, c.attempts, {EventColumns}
            FROM claimed c JOIN webhook_sinks s ON s.id = c.sink_id LEFT JOIN session_events e ON e.seq = c.seq
            ORDER BY c.seq
            """,
            c => c.With("instance", instanceId).WithTime("now", now).WithTime("until", now + lease).With("limit", limit),
            r => new DueWebhookDelivery(ReadSink(r, 0), r.GetInt64(6), r.GetInt32(7), r.IsDBNull(8) ? null : PostgresSessionEventStore.Read(r, 8)),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> RecordAttemptAsync(string instanceId, WebhookAttempt attempt, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE webhook_deliveries
            SET state = @state, attempts = attempts + 1, next_attempt_at = @next, last_attempt_at = @at, last_status = @status,
                last_error = @error, claimed_by = NULL, claim_until = NULL
            WHERE sink_id = @sink AND seq = @seq AND claimed_by = @instance AND state = 'Pending'
            """, c =>
        {
            c.With("state", attempt.State.ToString()).WithTime("next", attempt.NextAttemptAt).WithTime("at", attempt.At)
                .WithText("error", Truncate(attempt.Error)).With("sink", attempt.SinkId).With("seq", attempt.Sequence).With("instance", instanceId);
            c.Parameters.Add(new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)attempt.Status ?? DBNull.Value });
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string sinkId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT d.sink_id, d.seq, e.event_id, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error
            FROM webhook_deliveries d LEFT JOIN session_events e ON e.seq = d.seq
            WHERE d.sink_id = @sink {(state is null ? "" : "AND d.state = @state")}
            ORDER BY d.last_attempt_at DESC NULLS LAST, d.seq DESC LIMIT @limit
            """, c => c.With("sink", sinkId).With("state", state?.ToString() ?? "").With("limit", limit),
            r => new WebhookDelivery(r.GetString(0), r.GetInt64(1), r.GetStringOrNull(2), Enum.Parse<WebhookDeliveryState>(r.GetString(3)),
                r.GetInt32(4), r.GetTime(5), r.GetTimeOrNull(6), r.IsDBNull(7) ? null : r.GetInt32(7), r.GetStringOrNull(8)),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<int> ReplayAsync(string sinkId, IReadOnlyCollection<long> sequences, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                UPDATE webhook_deliveries SET state = 'Pending', attempts = 0, next_attempt_at = @now, claimed_by = NULL, claim_until = NULL
                WHERE sink_id = @sink AND {(sequences.Count == 0 ? "state = 'DeadLettered'" : "seq = ANY(@seqs)")}
                """).WithTime("now", now).With("sink", sinkId).With("seqs", sequences.ToArray());
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static WebhookSink ReadSink(NpgsqlDataReader r, int at) => new(
        r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetFieldValue<byte[]>(at + 3), r.GetTime(at + 4), r.GetInt64(at + 5));

    private static string? Truncate(string? error) =>
        error is { Length: > WebhookAttempt.MaxErrorLength } ? error[..WebhookAttempt.MaxErrorLength] : error;

    private Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            return await command.ReadAllAsync(read, ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<bool> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
}
