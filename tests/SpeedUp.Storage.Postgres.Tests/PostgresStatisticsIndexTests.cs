using Npgsql;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>
/// Migration 0006: the daily statistics can read a customer's sessions of a range from one covering index
/// (<c>ix_sessions_customer_day</c>) without visiting the table, and it replaces <c>ix_sessions_customer_started</c> — a
/// million stored sessions (docs/benchmarks.md, scenario million-postgres). The counts themselves are the contract
/// suite's (StatisticsStoreContractTests).
/// </summary>
public sealed class PostgresStatisticsIndexTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CustomerRangeOfSessions_IsAnIndexOnlyScanOfTheCoveringIndex_AndTheIndexItReplacesIsGone()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        // A few sessions, vacuumed (all-visible, as autovacuum leaves a table's older pages); a table this small would
        // be scanned whole, so the scan is switched off to see what the indexes can do.
        await ExecuteAsync(connection, """
            INSERT INTO sessions (id, band_id, account, ip_address, port, carrier, province, channel, direction, target_kbps, original_kbps, scene,
                                  started_at, due_at, state, end_reason, customer_id)
            SELECT 's' || n, 100 + n, 'acct' || n, '10.0.0.1', 1, 'ChinaTelecom', 'Zhejiang', 'ct', 'Down', 200000, 100000, '',
                   now() - n * interval '1 hour', now(), 'Ended', 'Expired', 'c' || (n % 3)
            FROM generate_series(1, 60) AS n
            """);
        await ExecuteAsync(connection, "VACUUM ANALYZE sessions");
        await ExecuteAsync(connection, "SET enable_seqscan = off");

        // The columns and predicate of PostgresStatisticsStore.CountByDayAsync's read of sessions.
        var statistics = await PlanAsync(connection, """
            SELECT started_at, CASE WHEN end_reason <> 'ApplyFailed' AND state <> 'Applying' THEN 1 ELSE 0 END
            FROM sessions WHERE customer_id = 'c1' AND started_at >= now() - interval '1 day' AND started_at < now()
            """);
        Assert.Contains("Index Only Scan using ix_sessions_customer_day", statistics, StringComparison.Ordinal);

        // The detail export's range look-up (more columns) still finds its rows through the same index.
        var export = await PlanAsync(connection, """
            SELECT account, last_error FROM sessions WHERE customer_id = 'c1' AND started_at >= now() - interval '1 day' AND started_at < now()
            ORDER BY started_at
            """);
        Assert.Contains("ix_sessions_customer_day", export, StringComparison.Ordinal);

        var replaced = await TestInstances.ScalarAsync(connectionString, "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_sessions_customer_started'");
        Assert.Equal(0, replaced);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
