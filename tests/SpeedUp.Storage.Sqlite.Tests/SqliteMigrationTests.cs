using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Storage.Sqlite.Tests;

/// <summary>A database written by the previous version opens and is upgraded in place.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-migrate-").FullName;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Open_PreviousVersionDatabase_KeepsItsSessionsAndGainsTheNewTables()
    {
        var path = Path.Combine(_directory, "old.db");
        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(Ct);
            await using var create = old.CreateCommand();
            // The previous version's schema (user_version 0) with one open session, one pre-check and one order.
            create.CommandText = """
                CREATE TABLE sessions (id TEXT PRIMARY KEY, band_id INTEGER NOT NULL, account TEXT NOT NULL, ip_address TEXT NOT NULL,
                    port INTEGER NOT NULL, carrier TEXT NOT NULL, province TEXT NOT NULL, channel TEXT NOT NULL, direction TEXT NOT NULL,
                    target_kbps INTEGER NOT NULL, original_kbps INTEGER NOT NULL, scene TEXT NOT NULL, started_at INTEGER NOT NULL,
                    due_at INTEGER NOT NULL, state TEXT NOT NULL, end_reason TEXT NOT NULL, ended_at INTEGER NULL, last_error TEXT NULL);
                CREATE UNIQUE INDEX ux_sessions_open ON sessions (band_id, direction) WHERE state <> 'Ended';
                CREATE TABLE prechecks (band_id INTEGER PRIMARY KEY, account TEXT NOT NULL, ip_address TEXT NOT NULL, port INTEGER NOT NULL,
                    carrier TEXT NOT NULL, province TEXT NOT NULL, channel TEXT NOT NULL, up_kbps INTEGER NOT NULL, down_kbps INTEGER NOT NULL,
                    max_up_kbps INTEGER NOT NULL, max_down_kbps INTEGER NOT NULL, speed_up_permitted INTEGER NOT NULL, offer_ids TEXT NOT NULL,
                    checked_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
                CREATE TABLE orders (order_id TEXT PRIMARY KEY, band_id INTEGER NOT NULL, offer_id INTEGER NOT NULL, created_at INTEGER NOT NULL);
                INSERT INTO sessions VALUES ('s1', 330100001, 'zj0571a0001', '202.101.172.35', 0, 'ChinaTelecom', 'Zhejiang', 'ct', 'Down',
                    200000, 50000, 'game', 1795420800000, 1795435200000, 'Active', 'None', NULL, NULL);
                INSERT INTO prechecks VALUES (330100001, 'zj0571a0001', '202.101.172.35', 0, 'ChinaTelecom', 'Zhejiang', 'ct', 4000, 50000,
                    20000, 200000, 1, '202001', 1795420800000, 1795422600000);
                INSERT INTO orders VALUES ('LXOLD', 330100001, 202001, 1795420800000);
                """;
            await create.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = path }));
        var sessions = new SqliteSessionStore(database);

        var open = Assert.Single(await sessions.ListOpenAsync(Ct));
        Assert.Equal(("s1", SessionState.Active, (string?)null), (open.Id, open.State, open.CustomerId)); // the restorer still sees it
        Assert.Null(await new SqliteOrderStore(database).FindAsync("LXOLD", Ct)); // belongs to nobody
        Assert.Null(await new SqlitePrecheckStore(database).FindAsync("c1", 330100001, Ct));
        Assert.Null(await new SqliteCustomerStore(database).FindAsync("c1", Ct));

        await using var check = await database.OpenAsync(Ct);
        await using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        // Every migration ran (1: commerce, 2: uncertain writes, 3: access keys, 4: claims and holdings, 5: session events,
        // extensions and webhooks, 6: refused starts and the lookup by address, 7: the statistics' covering index).
        Assert.Equal(7L, (long)(await version.ExecuteScalarAsync(Ct))!);
        version.CommandText = "SELECT COUNT(*) FROM refused_starts";
        Assert.Equal(0L, (long)(await version.ExecuteScalarAsync(Ct))!);
        version.CommandText = "SELECT pruned_through FROM session_event_horizon";
        Assert.Equal(0L, (long)(await version.ExecuteScalarAsync(Ct))!); // the outbox starts empty
        version.CommandText = "SELECT channel || ' ' || added_mbps FROM channel_holdings WHERE session_id = 's1'";
        Assert.Equal("ct 150", await version.ExecuteScalarAsync(Ct)); // the open session holds its capacity
        version.CommandText = "SELECT direction || ' ' || bandwidth_mbps || ' ' || product FROM orders WHERE order_id = 'LXOLD'";
        Assert.Equal("Down 200 HourPack", await version.ExecuteScalarAsync(Ct));
        version.CommandText = "SELECT uncertain_write FROM sessions WHERE id = 's1'";
        Assert.Equal(0L, (long)(await version.ExecuteScalarAsync(Ct))!);

        // Opening again runs nothing twice.
        SqliteConnection.ClearAllPools();
        using var again = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = path }));
        Assert.Single(await new SqliteSessionStore(again).ListOpenAsync(Ct));
        Assert.Equal(Direction.Down, (await new SqliteSessionStore(again).FindLatestAsync(330100001, Direction.Down, Ct))!.Direction);
    }
}
