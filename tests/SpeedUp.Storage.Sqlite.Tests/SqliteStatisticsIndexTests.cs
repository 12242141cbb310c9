using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Storage.Sqlite.Tests;

/// <summary>
/// Migration 7: the daily statistics read a customer's sessions of a range from one covering index
/// (<c>ix_sessions_customer_day</c>), which replaces <c>ix_sessions_customer_started</c> — a million stored sessions
/// (docs/benchmarks.md, scenario million). The counts themselves are the contract suite's (StatisticsStoreContractTests).
/// </summary>
public sealed class SqliteStatisticsIndexTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-stats-index-").FullName;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CustomerRangeOfSessions_IsReadFromTheCoveringIndex_AndTheIndexItReplacesIsGone()
    {
        using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(_directory, "speedup.db") }));
        await using var connection = await database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();

        // The columns CountByDayAsync reads of sessions, and its predicate.
        command.CommandText = """
            EXPLAIN QUERY PLAN
            SELECT started_at, end_reason, state FROM sessions WHERE customer_id = 'c1' AND started_at >= 0 AND started_at < 86400000
            """;
        var plan = new List<string>();
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            while (await r.ReadAsync(Ct))
            {
                plan.Add(r.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("COVERING INDEX ix_sessions_customer_day (customer_id=? AND started_at>? AND started_at<?)", StringComparison.Ordinal));

        // The detail export's range look-up (more columns) still searches by customer and start time.
        command.CommandText = "EXPLAIN QUERY PLAN SELECT account, last_error FROM sessions WHERE customer_id = 'c1' AND started_at >= 0 AND started_at < 86400000 ORDER BY started_at";
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            Assert.True(await r.ReadAsync(Ct));
            Assert.Contains("USING INDEX ix_sessions_customer_day (customer_id=? AND started_at>? AND started_at<?)", r.GetString(3), StringComparison.Ordinal);
        }

        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND name LIKE 'ix_sessions_customer_%' ORDER BY name";
        var indexes = new List<string>();
        await using (var r = await command.ExecuteReaderAsync(Ct))
        {
            while (await r.ReadAsync(Ct))
            {
                indexes.Add(r.GetString(0));
            }
        }

        Assert.Equal(["ix_sessions_customer_address", "ix_sessions_customer_day"], indexes);
    }
}
