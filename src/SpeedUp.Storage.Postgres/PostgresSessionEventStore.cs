using Npgsql;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// The session-event outbox in PostgreSQL. <see cref="AppendAsync"/> runs inside the transaction of a state change and
/// first takes a transaction-level advisory lock: sequence numbers are then handed out in commit order across every
/// instance, so a reader never sees a later event before an earlier one commits (a plain <c>bigserial</c> would let
/// concurrent transactions commit out of order and a reader skip the slower one).
/// </summary>
public sealed class PostgresSessionEventStore(PostgresDatabase database) : ISessionEventStore
{
    /// <summary>The advisory-lock class of the outbox's append order (the line locks use the bigint key space, the migrator and ledger 0x5350).</summary>
    internal const int OrderLockClassId = 0x5351;

    private const string Columns = "seq, event_id, kind, occurred_at, customer_id, session_id, band_id, direction, state, end_reason, target_kbps, original_kbps, scene, started_at, due_at, ended_at";

    /// <summary>Writes <paramref name="events"/> in <paramref name="transaction"/>.</summary>
    internal static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SessionEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        // The lock and every insert go in one round trip (the lock is held from here to the commit).
        await using var command = connection.Command("", transaction);
        command.CommandText = Append(command, events);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The statements that take the order lock and insert <paramref name="events"/> (nothing when there are none), their
    /// parameters added to <paramref name="command"/>. The order lock is held from these statements to the commit, and every
    /// state change of every instance waits for it: a caller sends them last, in the round trip that commits where it can
    /// (with 100,000 sessions due in ten minutes, restores queued on it; docs/benchmarks.md, scenario due).
    /// </summary>
    internal static string Append(NpgsqlCommand command, IReadOnlyList<SessionEvent> events)
    {
        if (events.Count == 0)
        {
            return "";
        }

        command.With("order_class", OrderLockClassId);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            command.With($"event_id{i}", e.EventId).With($"kind{i}", e.Kind.ToString()).WithTime($"occurred{i}", e.OccurredAt).WithText($"customer{i}", e.CustomerId)
                .With($"session{i}", e.SessionId).With($"band_id{i}", e.BandId).With($"direction{i}", e.Direction.ToString()).With($"state{i}", e.State.ToString())
                .With($"reason{i}", e.EndReason.ToString()).With($"target{i}", e.TargetKbps).With($"original{i}", e.OriginalKbps).With($"scene{i}", e.Scene)
                .WithTime($"started{i}", e.StartedAt).WithTime($"due{i}", e.DueAt).WithTime($"ended{i}", e.EndedAt);
        }

        var values = string.Join(", ", events.Select((_, i) =>
            $"(@event_id{i}, @kind{i}, @occurred{i}, @customer{i}, @session{i}, @band_id{i}, @direction{i}, @state{i}, @reason{i}, @target{i}, @original{i}, @scene{i}, @started{i}, @due{i}, @ended{i})"));
        return $"""
            SELECT pg_advisory_xact_lock(@order_class, 0);
            INSERT INTO session_events (event_id, kind, occurred_at, customer_id, session_id, band_id, direction, state, end_reason, target_kbps, original_kbps, scene, started_at, due_at, ended_at)
            VALUES {values};
            """;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SessionEvent>> ReadAsync(string customerId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM session_events WHERE customer_id = @customer AND seq > @after ORDER BY seq LIMIT @limit")
                .With("customer", customerId).With("after", afterSequence).With("limit", limit);
            return await command.ReadAllAsync(Read, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT COALESCE(MAX(seq), 0) FROM session_events", cancellationToken);

    /// <inheritdoc />
    public Task<long> PrunedThroughAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT pruned_through FROM session_event_horizon WHERE id = 1", cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var horizon = connection.Command("""
                UPDATE session_event_horizon
                SET pruned_through = GREATEST(pruned_through, COALESCE((SELECT MAX(seq) FROM session_events WHERE occurred_at < @before), 0))
                WHERE id = 1
                """, transaction).WithTime("before", before))
            {
                await horizon.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var delete = connection.Command(
                "DELETE FROM session_events WHERE seq <= (SELECT pruned_through FROM session_event_horizon WHERE id = 1)", transaction);
            var deleted = await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

            // Delivered webhooks of pruned events go with them; pending and dead-lettered ones stay (for the operator).
            await using var delivered = connection.Command(
                "DELETE FROM webhook_deliveries WHERE state = 'Delivered' AND seq <= (SELECT pruned_through FROM session_event_horizon WHERE id = 1)", transaction);
            await delivered.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return deleted;
        }, cancellationToken);

    /// <summary>Reads an event from a row of <see cref="Columns"/>.</summary>
    internal static SessionEvent Read(NpgsqlDataReader r) => Read(r, 0);

    /// <summary>Reads an event from <see cref="Columns"/> starting at column <paramref name="o"/> of a row.</summary>
    internal static SessionEvent Read(NpgsqlDataReader r, int o) => new(
        r.GetString(o + 1), Enum.Parse<SessionEventKind>(r.GetString(o + 2)), r.GetTime(o + 3), r.GetStringOrNull(o + 4), r.GetString(o + 5), r.GetInt64(o + 6),
        Enum.Parse<Direction>(r.GetString(o + 7)), Enum.Parse<SessionState>(r.GetString(o + 8)), Enum.Parse<EndReason>(r.GetString(o + 9)),
        r.GetInt64(o + 10), r.GetInt64(o + 11), r.GetString(o + 12), r.GetTime(o + 13), r.GetTime(o + 14), r.GetTimeOrNull(o + 15))
    {
        Sequence = r.GetInt64(o),
    };

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
