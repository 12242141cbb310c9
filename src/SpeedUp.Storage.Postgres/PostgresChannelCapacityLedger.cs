using Npgsql;
using SpeedUp.Core.Channels;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Channel capacity held per session in PostgreSQL. On a channel with limits, holding runs in one transaction under
/// <c>pg_advisory_xact_lock(0x5350, hashtext(channel))</c>, so instances holding on one channel take turns and the
/// limits hold across them. On a channel without limits (the default) nothing is decided, so nothing waits: the holding
/// is inserted at once (<c>ON CONFLICT DO NOTHING</c> keeps a second hold of the same session idempotent) and the usage
/// is counted for the admin view (so instances sharing a channel must agree on its limits: a hold made without limits
/// does not wait for the turns of holds made with them). With the lock, every start on a channel took turns across its commit: on 2 cores,
/// ≈ 110 starts a second for the whole channel (docs/benchmarks.md, <c>throughput-postgres</c>). A holding counts while
/// its session is open, or, before its session is journalled, for <see cref="IChannelCapacityLedger.UnjournalledHoldingLife"/>.
/// </summary>
public sealed class PostgresChannelCapacityLedger(PostgresDatabase database) : IChannelCapacityLedger
{
    /// <summary>The channel locks' key class in the two-int key space (the migration lock uses the same class with a fixed object id; hashtext may meet it only for one channel name, for the length of a transaction).</summary>
    internal const int LockClassId = 0x5350;

    /// <summary>The holdings that count at <c>@now</c>, as a condition on <c>h</c> (holdings) left-joined with <c>s</c> (sessions).</summary>
    private const string Counted = "((s.id IS NOT NULL AND s.state <> 'Ended') OR (s.id IS NULL AND h.held_at > @since))";

    /// <inheritdoc />
    public Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> TryHoldAsync(
        string channel, string sessionId, long addedMbps, ChannelLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        limits.Unlimited
            ? HoldWithoutLimitsAsync(channel, sessionId, addedMbps, now, cancellationToken)
            : HoldWithinLimitsAsync(channel, sessionId, addedMbps, limits, now, cancellationToken);

    private Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> HoldWithoutLimitsAsync(
        string channel, string sessionId, long addedMbps, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            int inserted;
            await using (var insert = connection.Command(
                "INSERT INTO channel_holdings (session_id, channel, added_mbps, held_at) VALUES (@session, @channel, @mbps, @now) ON CONFLICT (session_id, channel) DO NOTHING")
                .With("session", sessionId).With("channel", channel).With("mbps", addedMbps).WithTime("now", now))
            {
                inserted = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            // The usage with this session's holding, whatever it added, counted like every other holding.
            await using var count = connection.Command($"""
                SELECT COUNT(*)::int, COALESCE(SUM(h.added_mbps), 0)::bigint
                FROM channel_holdings h LEFT JOIN sessions s ON s.id = h.session_id
                WHERE h.channel = @channel AND (h.session_id = @session OR {Counted})
                """).With("channel", channel).With("session", sessionId).WithTime("since", now - IChannelCapacityLedger.UnjournalledHoldingLife);
            var usage = (await count.ReadAllAsync(r => new ChannelUsage(r.GetInt32(0), r.GetInt64(1)), ct).ConfigureAwait(false))[0];
            return (inserted == 1 ? CapacityHoldOutcome.Taken : CapacityHoldOutcome.AlreadyHeld, usage);
        }, cancellationToken);

    private Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> HoldWithinLimitsAsync(
        string channel, string sessionId, long addedMbps, ChannelLimits limits, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var @lock = connection.Command("SELECT pg_advisory_xact_lock(@class, hashtext(@channel))", transaction)
                .With("class", LockClassId).With("channel", channel))
            {
                await @lock.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            long? heldMbps;
            await using (var own = connection.Command("SELECT added_mbps FROM channel_holdings WHERE session_id = @session AND channel = @channel", transaction)
                .With("session", sessionId).With("channel", channel))
            {
                heldMbps = (long?)await own.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }

            ChannelUsage others;
            await using (var count = connection.Command($"""
                SELECT COUNT(*)::int, COALESCE(SUM(h.added_mbps), 0)::bigint
                FROM channel_holdings h LEFT JOIN sessions s ON s.id = h.session_id
                WHERE h.channel = @channel AND h.session_id <> @session AND {Counted}
                """, transaction).With("channel", channel).With("session", sessionId).WithTime("since", now - IChannelCapacityLedger.UnjournalledHoldingLife))
            {
                others = (await count.ReadAllAsync(r => new ChannelUsage(r.GetInt32(0), r.GetInt64(1)), ct).ConfigureAwait(false))[0];
            }

            if (heldMbps is { } held)
            {
                return (CapacityHoldOutcome.AlreadyHeld, new ChannelUsage(others.SpeedUps + 1, others.AddedMbps + held));
            }

            if (!limits.Admit(others, addedMbps))
            {
                return (CapacityHoldOutcome.Full, others);
            }

            await using (var insert = connection.Command(
                "INSERT INTO channel_holdings (session_id, channel, added_mbps, held_at) VALUES (@session, @channel, @mbps, @now)", transaction)
                .With("session", sessionId).With("channel", channel).With("mbps", addedMbps).WithTime("now", now))
            {
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return (CapacityHoldOutcome.Taken, new ChannelUsage(others.SpeedUps + 1, others.AddedMbps + addedMbps));
        }, cancellationToken);

    /// <inheritdoc />
    public Task KeepOnlyAsync(string sessionId, string channel, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM channel_holdings WHERE session_id = @session AND channel <> @channel",
            c => c.With("session", sessionId).With("channel", channel), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string sessionId, string? channel, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM channel_holdings WHERE session_id = @session AND (@channel IS NULL OR channel = @channel)",
            c => c.With("session", sessionId).WithText("channel", channel), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, ChannelUsage>> ReadUsageAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT h.channel, COUNT(*)::int, COALESCE(SUM(h.added_mbps), 0)::bigint
                FROM channel_holdings h LEFT JOIN sessions s ON s.id = h.session_id
                WHERE {Counted}
                GROUP BY h.channel
                """).WithTime("since", now - IChannelCapacityLedger.UnjournalledHoldingLife);
            var rows = await command.ReadAllAsync(r => (r.GetString(0), new ChannelUsage(r.GetInt32(1), r.GetInt64(2))), ct).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, ChannelUsage>)rows.ToDictionary(row => row.Item1, row => row.Item2, StringComparer.Ordinal);
        }, cancellationToken).ConfigureAwait(false);

    private Task ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
