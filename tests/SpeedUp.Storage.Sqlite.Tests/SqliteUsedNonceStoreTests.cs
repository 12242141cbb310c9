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
    public async Task TryRecordAsync_ConcurrentUsesByTwoInstancesSharingTheFile_ExactlyOneWins()
    {
        var first = Open();
        var second = Open();
        for (var round = 0; round < 20; round++)
        {
            var nonce = $"{Nonce}-{round}";
            var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(
                async () => await (i % 2 == 0 ? first : second).TryRecordAsync("key-a", nonce, Now, InFiveMinutes, Ct), Ct));

            var outcomes = await Task.WhenAll(attempts);

            Assert.Single(outcomes, won => won);
        }
    }

    [Fact]
    public async Task TryRecordAsync_ExpiredNonces_AreDeletedSoTheFileStaysBounded()
    {
        var store = Open();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(await store.TryRecordAsync("key-a", $"{Nonce}-old-{i}", Now, InFiveMinutes, Ct));
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 4096; i++)
        {
            Assert.True(await store.TryRecordAsync("key-a", $"{Nonce}-new-{i}", Now, InFiveMinutes, Ct));
        }

        var remaining = await CountAsync(store.FilePath);
        Assert.InRange(remaining, 1, 4096); // all 1,000 expired ones swept; only fresh ones remain
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
        count.CommandText = "SELECT COUNT(*) FROM used_nonces";
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
