using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Replays refused across instances.</summary>
public sealed class PostgresUsedNonceStoreTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryRecordAsync_SixteenAtOnceFromTwoInstances_AcceptsExactlyOne()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var stores = new[] { Store(first), Store(second) };
        await stores[0].OpenAsync(Ct);
        var until = time.GetUtcNow().AddMinutes(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => stores[i % 2].TryRecordAsync("key-a", "nonce-1", time.GetUtcNow(), until, Ct).AsTask()));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task TryRecordAsync_AfterRememberedWindow_OtherInstanceMayUseItAgain()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, b) = (Store(first), Store(second));
        var until = time.GetUtcNow().AddMinutes(5);

        Assert.True(await a.TryRecordAsync("key-a", "nonce-2", time.GetUtcNow(), until, Ct));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await b.TryRecordAsync("key-a", "nonce-2", time.GetUtcNow(), until.AddMinutes(5), Ct));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await b.TryRecordAsync("key-a", "nonce-2", time.GetUtcNow(), until.AddMinutes(5), Ct));
        Assert.False(await a.TryRecordAsync("key-a", "nonce-2", time.GetUtcNow(), until.AddMinutes(5), Ct));
    }

    private static PostgresUsedNonceStore Store(PostgresDatabase database) => new(database, NullLogger<PostgresUsedNonceStore>.Instance);
}
