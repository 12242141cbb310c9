using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Storage.Sqlite.Tests;

/// <summary>
/// Reads on kept-open connections with prepared statements (<see cref="SqliteDatabase.ReadAsync{T}"/>): a kept
/// statement never serves an old snapshot, parameters of one read never leak into the next, and a failed read does not
/// hand its connection on.
/// </summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private const string CountSql = "SELECT count(*) FROM customers WHERE name = $name";
    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-database-").FullName;
    private readonly SqliteDatabase _database;

    public SqliteDatabaseTests() =>
        _database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(_directory, "speedup.db") }));

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ReadAsync_KeptStatement_SeesEveryCommitMadeBeforeTheRead()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, await CountAsync("same"));
            await _database.WriteAsync(async (connection, ct) =>
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO customers (id, name, subscribed, balance_units, frozen_units, created_at) VALUES ($id, 'same', 1, 0, 0, 0)";
                insert.Parameters.AddWithValue("$id", $"c{i}");
                await insert.ExecuteNonQueryAsync(ct);
            }, Ct);
        }

        Assert.Equal(3, await CountAsync("same"));
        Assert.Equal(0, await CountAsync("other")); // the same statement, bound again: no parameter of the last read left over
    }

    [Fact]
    public async Task ReadAsync_AReadThatFails_DoesNotStopTheNextOne()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.ReadAsync<long>(CountSql, p => p.AddWithValue("$name", "x"),
            (_, _) => throw new InvalidOperationException("the reader failed"), Ct));
        await Assert.ThrowsAsync<SqliteException>(() => _database.ReadAsync<long>("SELECT * FROM no_such_table", _ => { }, ScalarAsync, Ct));

        Assert.Equal(0, await CountAsync("same"));
    }

    [Fact]
    public async Task ReadAsync_ManyReadsAtOnce_EachGetsItsOwnAnswer()
    {
        var names = Enumerable.Range(0, 64).Select(i => $"name-{i % 8}").ToArray();
        await _database.WriteAsync(async (connection, ct) =>
        {
            for (var i = 0; i < 8; i++)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO customers (id, name, subscribed, balance_units, frozen_units, created_at) VALUES ($id, $name, 1, 0, 0, 0)";
                insert.Parameters.AddWithValue("$id", $"c{i}");
                insert.Parameters.AddWithValue("$name", $"name-{i}");
                await insert.ExecuteNonQueryAsync(ct);
            }
        }, Ct);

        var counts = await Task.WhenAll(names.Select(n => Task.Run(() => CountAsync(n), Ct)));

        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal(0, await CountAsync("name-8"));
    }

    private Task<long> CountAsync(string name) => _database.ReadAsync(CountSql, p => p.AddWithValue("$name", name), ScalarAsync, Ct);

    private static async Task<long> ScalarAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        (long)(await command.ExecuteScalarAsync(cancellationToken))!;
}
