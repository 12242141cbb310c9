using Microsoft.Data.Sqlite;
using SpeedUp.Core.Channels;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Channel capacity held per session in the SQLite file. Holds are writes, so the database's one-writer gate makes the
/// count and the insert one step. A holding counts while its session is open, or briefly before it is journalled.
/// </summary>
public sealed class SqliteChannelCapacityLedger(SqliteDatabase database) : IChannelCapacityLedger
{
    private const string Counted = """
        FROM channel_holdings h LEFT JOIN sessions s ON s.id = h.session_id
        WHERE ((s.state IS NOT NULL AND s.state <> 'Ended') OR (s.id IS NULL AND h.held_at > $unjournalled_since))
        """;

    /// <inheritdoc />
    public async Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> TryHoldAsync(
        string channel, string sessionId, long addedMbps, ChannelLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcome = CapacityHoldOutcome.Full;
        var usage = default(ChannelUsage);
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var held = connection.CreateCommand())
            {
                held.Transaction = transaction;
                held.CommandText = "SELECT 1 FROM channel_holdings WHERE session_id = $session AND channel = $channel";
                held.Parameters.AddWithValue("$session", sessionId);
                held.Parameters.AddWithValue("$channel", channel);
                if (await held.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    outcome = CapacityHoldOutcome.AlreadyHeld;
                }
            }

            usage = await CountAsync(connection, transaction, channel, now, ct).ConfigureAwait(false);
            if (outcome == CapacityHoldOutcome.AlreadyHeld || !limits.Admit(usage, addedMbps))
            {
                return;
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO channel_holdings (session_id, channel, added_mbps, held_at) VALUES ($session, $channel, $mbps, $at)";
                insert.Parameters.AddWithValue("$session", sessionId);
                insert.Parameters.AddWithValue("$channel", channel);
                insert.Parameters.AddWithValue("$mbps", addedMbps);
                insert.Parameters.AddWithValue("$at", UnixTime.ToStored(now));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            outcome = CapacityHoldOutcome.Taken;
            usage = new ChannelUsage(usage.SpeedUps + 1, usage.AddedMbps + addedMbps);
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, usage);
    }

    /// <inheritdoc />
    public Task KeepOnlyAsync(string sessionId, string channel, CancellationToken cancellationToken) =>
        DeleteAsync("DELETE FROM channel_holdings WHERE session_id = $session AND channel <> $channel", sessionId, channel, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string sessionId, string? channel, CancellationToken cancellationToken) =>
        channel is null
            ? DeleteAsync("DELETE FROM channel_holdings WHERE session_id = $session", sessionId, null, cancellationToken)
            : DeleteAsync("DELETE FROM channel_holdings WHERE session_id = $session AND channel = $channel", sessionId, channel, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, ChannelUsage>> ReadUsageAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT h.channel, COUNT(*), COALESCE(SUM(h.added_mbps), 0) {Counted} GROUP BY h.channel";
        command.Parameters.AddWithValue("$unjournalled_since", UnixTime.ToStored(now - IChannelCapacityLedger.UnjournalledHoldingLife));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, ChannelUsage>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = new ChannelUsage(reader.GetInt32(1), reader.GetInt64(2));
        }

        return result;
    }

    private static async Task<ChannelUsage> CountAsync(
        SqliteConnection connection, SqliteTransaction transaction, string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*), COALESCE(SUM(h.added_mbps), 0) {Counted} AND h.channel = $channel";
        count.Parameters.AddWithValue("$channel", channel);
        count.Parameters.AddWithValue("$unjournalled_since", UnixTime.ToStored(now - IChannelCapacityLedger.UnjournalledHoldingLife));
        await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ChannelUsage(reader.GetInt32(0), reader.GetInt64(1));
    }

    private Task DeleteAsync(string sql, string sessionId, string? channel, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$session", sessionId);
            if (channel is not null)
            {
                command.Parameters.AddWithValue("$channel", channel);
            }

            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
