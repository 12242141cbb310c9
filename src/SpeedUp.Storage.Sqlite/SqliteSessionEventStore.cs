using Microsoft.Data.Sqlite;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// The session-event outbox in SQLite. <see cref="AppendAsync"/> is called by the session store inside the transaction of
/// a state change; SQLite has one writer at a time, so <c>seq</c> order is commit order.
/// </summary>
public sealed class SqliteSessionEventStore(SqliteDatabase database) : ISessionEventStore
{
    internal const string Columns = "seq, event_id, kind, occurred_at, customer_id, session_id, band_id, direction, state, end_reason, target_kbps, original_kbps, scene, started_at, due_at, ended_at";

    /// <summary>Writes <paramref name="events"/> in <paramref name="transaction"/>.</summary>
    internal static async Task AppendAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<SessionEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO session_events (event_id, kind, occurred_at, customer_id, session_id, band_id, direction, state, end_reason, target_kbps, original_kbps, scene, started_at, due_at, ended_at)
                VALUES ($event_id, $kind, $occurred, $customer, $session, $band_id, $direction, $state, $reason, $target, $original, $scene, $started, $due, $ended)
                """;
            var p = command.Parameters;
            p.AddWithValue("$event_id", e.EventId);
            p.AddWithValue("$kind", e.Kind.ToString());
            p.AddWithValue("$occurred", UnixTime.ToStored(e.OccurredAt));
            p.AddWithValue("$customer", (object?)e.CustomerId ?? DBNull.Value);
            p.AddWithValue("$session", e.SessionId);
            p.AddWithValue("$band_id", e.BandId);
            p.AddWithValue("$direction", e.Direction.ToString());
            p.AddWithValue("$state", e.State.ToString());
            p.AddWithValue("$reason", e.EndReason.ToString());
            p.AddWithValue("$target", e.TargetKbps);
            p.AddWithValue("$original", e.OriginalKbps);
            p.AddWithValue("$scene", e.Scene);
            p.AddWithValue("$started", UnixTime.ToStored(e.StartedAt));
            p.AddWithValue("$due", UnixTime.ToStored(e.DueAt));
            p.AddWithValue("$ended", e.EndedAt is { } ended ? UnixTime.ToStored(ended) : DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SessionEvent>> ReadAsync(string customerId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM session_events WHERE customer_id = $customer AND seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<SessionEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT COALESCE(MAX(seq), 0) FROM session_events", cancellationToken);

    /// <inheritdoc />
    public Task<long> PrunedThroughAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT pruned_through FROM session_event_horizon WHERE id = 1", cancellationToken);

    /// <inheritdoc />
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var horizon = connection.CreateCommand())
            {
                horizon.Transaction = transaction;
                horizon.CommandText = """
                    UPDATE session_event_horizon
                    SET pruned_through = MAX(pruned_through, COALESCE((SELECT MAX(seq) FROM session_events WHERE occurred_at < $before), 0))
                    WHERE id = 1
                    """;
                horizon.Parameters.AddWithValue("$before", UnixTime.ToStored(before));
                await horizon.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM session_events WHERE seq <= (SELECT pruned_through FROM session_event_horizon WHERE id = 1)";
                deleted = await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            // Delivered webhooks of pruned events go with them; pending and dead-lettered ones stay (for the operator).
            await using (var delivered = connection.CreateCommand())
            {
                delivered.Transaction = transaction;
                delivered.CommandText = "DELETE FROM webhook_deliveries WHERE state = 'Delivered' AND seq <= (SELECT pruned_through FROM session_event_horizon WHERE id = 1)";
                await delivered.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

        }, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Reads an event from a row of <see cref="Columns"/>.</summary>
    internal static SessionEvent Read(SqliteDataReader r) => Read(r, 0);

    /// <summary>Reads an event from <see cref="Columns"/> starting at column <paramref name="o"/> of a row.</summary>
    internal static SessionEvent Read(SqliteDataReader r, int o) => new(
        r.GetString(o + 1), Enum.Parse<SessionEventKind>(r.GetString(o + 2)), UnixTime.FromStored(r.GetInt64(o + 3)),
        r.IsDBNull(o + 4) ? null : r.GetString(o + 4), r.GetString(o + 5), r.GetInt64(o + 6), Enum.Parse<Direction>(r.GetString(o + 7)),
        Enum.Parse<SessionState>(r.GetString(o + 8)), Enum.Parse<EndReason>(r.GetString(o + 9)), r.GetInt64(o + 10), r.GetInt64(o + 11),
        r.GetString(o + 12), UnixTime.FromStored(r.GetInt64(o + 13)), UnixTime.FromStored(r.GetInt64(o + 14)),
        r.IsDBNull(o + 15) ? null : UnixTime.FromStored(r.GetInt64(o + 15)))
    {
        Sequence = r.GetInt64(o),
    };

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
