using System.Runtime.CompilerServices;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>Statistics over the journalled sessions and the refused starts (failed) in PostgreSQL; days are CST (UTC+8).</summary>
public sealed class PostgresStatisticsStore(PostgresDatabase database) : IStatisticsStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<DayCounts>> CountByDayAsync(string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, SUM(ok)::bigint, SUM(failed)::bigint
                FROM (
                    SELECT started_at AS at,
                           CASE WHEN end_reason <> 'ApplyFailed' AND state <> 'Applying' THEN 1 ELSE 0 END AS ok,
                           CASE WHEN end_reason = 'ApplyFailed' THEN 1 ELSE 0 END AS failed
                    FROM sessions
                    WHERE customer_id = @customer AND started_at >= @from AND started_at < @to
                    UNION ALL
                    SELECT refused_at, 0, 1
                    FROM refused_starts
                    WHERE customer_id = @customer AND refused_at >= @from AND refused_at < @to) AS calls
                GROUP BY day ORDER BY day
                """).With("customer", customerId).WithTime("from", from).WithTime("to", to);
            return await command.ReadAllAsync(r => new DayCounts(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2)), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<SessionDetail> ReadDetailsAsync(
        string customerId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Streamed row by row on one connection; each step goes through the database's failure mapping.
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT account, direction, target_kbps, started_at, due_at, ended_at, state, end_reason, last_error
            FROM (
                SELECT account, direction, target_kbps, started_at, due_at, ended_at, state, end_reason, last_error, 0 AS kind, seq
                FROM sessions
                WHERE customer_id = @customer AND started_at >= @from AND started_at < @to
                UNION ALL
                SELECT account, direction, target_kbps, refused_at, refused_at, refused_at, 'Ended', 'ApplyFailed', code || ': ' || message, 1, seq
                FROM refused_starts
                WHERE customer_id = @customer AND refused_at >= @from AND refused_at < @to) AS calls
            ORDER BY started_at, kind, seq
            """).With("customer", customerId).WithTime("from", from).WithTime("to", to);
        await using var r = await database.GuardAsync(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await database.GuardAsync(() => r.ReadAsync(cancellationToken)).ConfigureAwait(false))
        {
            yield return new SessionDetail(r.GetString(0), Enum.Parse<Direction>(r.GetString(1)), r.GetInt64(2), r.GetTime(3), r.GetTime(4),
                r.GetTimeOrNull(5), Enum.Parse<SessionState>(r.GetString(6)), Enum.Parse<EndReason>(r.GetString(7)), r.GetStringOrNull(8));
        }
    }
}
