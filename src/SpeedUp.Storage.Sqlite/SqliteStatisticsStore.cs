using System.Runtime.CompilerServices;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Statistics over the journalled sessions and the refused starts (failed) in SQLite; days are CST (UTC+8).</summary>
public sealed class SqliteStatisticsStore(SqliteDatabase database) : IStatisticsStore
{
    private const long CstOffsetMilliseconds = 8 * 3600 * 1000;
    private const long DayMilliseconds = 24 * 3600 * 1000;
    private static readonly DateOnly UnixEpochDay = new(1970, 1, 1);

    /// <inheritdoc />
    /// <remarks>
    /// Reads the sessions from <c>ix_sessions_customer_day</c> alone (a covering index) and numbers the CST day in
    /// integers (days since 1970-01-01; stored times are after it): a million stored sessions, 31 days in ≈ 0.15 s
    /// rather than ≈ 0.55 s with a row look-up and a date string per session (docs/benchmarks.md, scenario million).
    /// </remarks>
    public async Task<IReadOnlyList<DayCounts>> CountByDayAsync(string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT (at + {CstOffsetMilliseconds}) / {DayMilliseconds} AS day, SUM(ok), SUM(failed)
            FROM (
                SELECT started_at AS at,
                       CASE WHEN end_reason <> 'ApplyFailed' AND state <> 'Applying' THEN 1 ELSE 0 END AS ok,
                       CASE WHEN end_reason = 'ApplyFailed' THEN 1 ELSE 0 END AS failed
                FROM sessions
                WHERE customer_id = $customer AND started_at >= $from AND started_at < $to
                UNION ALL
                SELECT refused_at, 0, 1
                FROM refused_starts
                WHERE customer_id = $customer AND refused_at >= $from AND refused_at < $to)
            GROUP BY day ORDER BY day
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$from", UnixTime.ToStored(from));
        command.Parameters.AddWithValue("$to", UnixTime.ToStored(to));
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DayCounts>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DayCounts(UnixEpochDay.AddDays(checked((int)r.GetInt64(0))), r.GetInt64(1), r.GetInt64(2)));
        }

        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SessionDetail> ReadDetailsAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT account, direction, target_kbps, started_at, due_at, ended_at, state, end_reason, last_error
            FROM (
                SELECT account, direction, target_kbps, started_at, due_at, ended_at, state, end_reason, last_error, 0 AS kind, rowid AS seq
                FROM sessions
                WHERE customer_id = $customer AND started_at >= $from AND started_at < $to
                UNION ALL
                SELECT account, direction, target_kbps, refused_at, refused_at, refused_at, 'Ended', 'ApplyFailed', code || ': ' || message, 1, rowid
                FROM refused_starts
                WHERE customer_id = $customer AND refused_at >= $from AND refused_at < $to)
            ORDER BY started_at, kind, seq
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$from", UnixTime.ToStored(from));
        command.Parameters.AddWithValue("$to", UnixTime.ToStored(to));
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new SessionDetail(r.GetString(0), Enum.Parse<Direction>(r.GetString(1)), r.GetInt64(2),
                UnixTime.FromStored(r.GetInt64(3)), UnixTime.FromStored(r.GetInt64(4)),
                r.IsDBNull(5) ? null : UnixTime.FromStored(r.GetInt64(5)),
                Enum.Parse<SessionState>(r.GetString(6)), Enum.Parse<EndReason>(r.GetString(7)), r.IsDBNull(8) ? null : r.GetString(8));
        }
    }
}
