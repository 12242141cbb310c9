using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Storage.Sqlite.Tests;

/// <summary>
/// Reads on kept-open connections with prepared statements (<see cref="SqliteDatabase.ReadAsync{T}"/>): a kept
/// statement never serves an old snapshot, parameters of one read never leak into the next, and a failed read does not
/// hand its connection on. Writes sharing one commit (<see cref="SqliteDatabase.WriteAsync"/>): one that fails is
/// undone alone.
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
            await _database.WriteAsync(async (connection, transaction, ct) =>
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
        await _database.WriteAsync(async (connection, transaction, ct) =>
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

    [Fact]
    public async Task WriteAsync_WritesSharingACommit_OneThatThrowsIsUndoneAlone_AndItsCallerGetsItsException()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _database.WriteAsync(async (connection, _, ct) =>
        {
            await InsertAsync(connection, "c-first", "shared", ct);
            await hold.Task; // keeps the writer busy so the next two are queued into one batch
        }, Ct);
        var failing = _database.WriteAsync(async (connection, _, ct) =>
        {
            await InsertAsync(connection, "c-failing", "shared", ct);
            throw new InvalidOperationException("the write gave up after its insert");
        }, Ct);
        var other = _database.WriteAsync((connection, _, ct) => InsertAsync(connection, "c-other", "shared", ct), Ct);

        hold.SetResult();
        await first;
        Assert.Equal("the write gave up after its insert", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await other;

        Assert.Equal(2, await CountAsync("shared")); // c-first and c-other committed; c-failing's insert undone
        await _database.WriteAsync((connection, _, ct) => InsertAsync(connection, "c-failing", "shared", ct), Ct); // its id was never taken
        Assert.Equal(3, await CountAsync("shared"));
    }

    private static async Task InsertAsync(SqliteConnection connection, string id, string name, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO customers (id, name, subscribed, balance_units, frozen_units, created_at) VALUES ($id, $name, 1, 0, 0, 0)";
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$name", name);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<long> CountAsync(string name) => _database.ReadAsync(CountSql, p => p.AddWithValue("$name", name), ScalarAsync, Ct);

    private static async Task<long> ScalarAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        (long)(await command.ExecuteScalarAsync(cancellationToken))!;
}
