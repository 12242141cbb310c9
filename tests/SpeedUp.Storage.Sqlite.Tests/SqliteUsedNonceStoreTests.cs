using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Storage.Sqlite.Tests;

/// <summary>The durable memory of used nonces that makes a replayed signed call fail, also across restarts.</summary>
public sealed class SqliteUsedNonceStoreTests : IDisposable
{
    private const string Nonce = "n0nce-0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-nonces-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly List<SqliteUsedNonceStore> _stores = [];

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => _time.GetUtcNow();

    private DateTimeOffset InFiveMinutes => _time.GetUtcNow().AddMinutes(5);

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TryRecordAsync_SameNonceAndKey_IsTakenOncePerKey()
    {
        var store = Open();

        Assert.True(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        Assert.False(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        Assert.True(await store.TryRecordAsync("key-b", Nonce, Now, InFiveMinutes, Ct)); // nonces are per key
        Assert.True(await store.TryRecordAsync("key-a", Nonce + "x", Now, InFiveMinutes, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_UsedNonce_IsRefusedUntilItsWindowEndsThenFreeAgain()
    {
        var store = Open();
        Assert.True(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        Assert.False(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct)); // and remembered anew
    }

    [Fact]
    public async Task TryRecordAsync_AfterARestart_StillRefusesTheNoncesItWasGiven()
    {
        var before = Open();
        Assert.True(await before.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        before.Dispose();
        _stores.Remove(before);

        var after = Open();
        Assert.False(await after.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
    }

    [Fact]
    public async Task OpenAsync_FileHeldByAnotherStore_IsRefusedSayingWhy_ThenOpensOnceItIsLetGo()
    {
        var first = Open();
        Assert.True(await first.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        var second = Open();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.OpenAsync(Ct));
        var record = await Assert.ThrowsAsync<InvalidOperationException>(() => second.TryRecordAsync("key-a", Nonce + "x", Now, InFiveMinutes, Ct).AsTask());

        Assert.Contains("SpeedUp:Storage:NonceSqlitePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("another instance holds it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, record.Message); // fails closed
        first.Dispose();
        Assert.False(await second.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct)); // let go: opens, and knows the first's nonces
    }

    [Fact]
    public async Task TryRecordAsync_ManyConcurrentUses_EachTakenOnce_AndAllRememberedAfterARestart()
    {
        var before = Open();
        var uses = Enumerable.Range(0, 400).Select(i => $"{Nonce}-{i % 100}").ToArray(); // each nonce used four times at once
        var outcomes = await Task.WhenAll(uses.Select(n => Task.Run(async () => await before.TryRecordAsync("key-a", n, Now, InFiveMinutes, Ct), Ct)));
        before.Dispose();
        _stores.Remove(before);

        Assert.Equal(100, outcomes.Count(taken => taken));
        Assert.All(uses.Zip(outcomes).GroupBy(x => x.First), group => Assert.Single(group, x => x.Second));
        var after = Open();
        foreach (var nonce in uses.Distinct())
        {
            Assert.False(await after.TryRecordAsync("key-a", nonce, Now, InFiveMinutes, Ct));
        }
    }

    [Fact]
    public async Task OpenAsync_FileOfAnEarlierVersion_KeepsRefusingItsRememberedNonces()
    {
        var store = Open();
        await using (var old = new SqliteConnection($"Data Source={store.FilePath}"))
        {
            await old.OpenAsync(Ct);
            await using var create = old.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE used_nonces (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, remember_until INTEGER NOT NULL,
                    PRIMARY KEY (access_key_id, nonce)) WITHOUT ROWID;
                CREATE INDEX ix_used_nonces_until ON used_nonces (remember_until);
                """;
            await create.ExecuteNonQueryAsync(Ct);
            create.CommandText = "INSERT INTO used_nonces VALUES ('key-a', $nonce, $until)";
            create.Parameters.AddWithValue("$nonce", Nonce);
            create.Parameters.AddWithValue("$until", InFiveMinutes.ToUnixTimeMilliseconds());
            await create.ExecuteNonQueryAsync(Ct);
        }

        Assert.False(await store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct));
        Assert.True(await store.TryRecordAsync("key-a", Nonce + "x", Now, InFiveMinutes, Ct));
        store.Dispose();
        Assert.Equal(2, await CountAsync(store.FilePath)); // moved to the record table, the old table gone
    }

    [Fact]
    public async Task OpenAsync_PathCannotBeOpened_SaysWhichSettingAndPath()
    {
        var notADirectory = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(notADirectory, "not a directory", Ct);
        var path = Path.Combine(notADirectory, "nonces.db");
        var store = new SqliteUsedNonceStore(Options.Create(new SqliteStorageOptions { NonceSqlitePath = path }));
        _stores.Add(store);

        var open = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenAsync(Ct));
        var record = await Assert.ThrowsAsync<InvalidOperationException>(() => store.TryRecordAsync("key-a", Nonce, Now, InFiveMinutes, Ct).AsTask());

        Assert.Contains("SpeedUp:Storage:NonceSqlitePath", open.Message, StringComparison.Ordinal);
        Assert.Contains(path, open.Message, StringComparison.Ordinal);
        Assert.Equal(open.Message, record.Message); // every call fails closed, none is let through unchecked
    }

    [Theory]
    [InlineData("data/speedup.db", "", "data/speedup.nonces.db")]
    [InlineData("data/prod", "", "data/prod.nonces")]
    [InlineData("data/speedup.db", "shared/replays.db", "shared/replays.db")]
    public void FilePath_NotConfigured_IsBesideTheDatabaseElseTheConfiguredOne(string database, string configured, string expected)
    {
        var store = new SqliteUsedNonceStore(Options.Create(new SqliteStorageOptions { SqlitePath = database, NonceSqlitePath = configured }));
        _stores.Add(store);

        Assert.Equal(Path.GetFullPath(expected), store.FilePath);
    }

    private SqliteUsedNonceStore Open()
    {
        var store = new SqliteUsedNonceStore(Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(_directory, "speedup.db") }));
        _stores.Add(store);
        return store;
    }

    private async Task<long> CountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync(Ct);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM used_nonce_records";
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
