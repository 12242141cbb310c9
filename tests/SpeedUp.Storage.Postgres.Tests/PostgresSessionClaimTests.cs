using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Restore claims between two instances.</summary>
public sealed class PostgresSessionClaimTests(PostgresClusterFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimNeedingRestoreAsync_TwoInstancesAtOnce_GetDisjointSessions()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var (a, b) = (new PostgresSessionStore(first), new PostgresSessionStore(second));
        for (var i = 0; i < 40; i++)
        {
            await a.InsertAsync(TestInstances.Session($"due-{i:D2}", 100 + i, Now.AddMinutes(-40 + i)), Ct);
        }

        await a.InsertAsync(TestInstances.Session("not-due", 999, Now.AddMinutes(5)), Ct);

        var claims = await Task.WhenAll(a.ClaimNeedingRestoreAsync("instance-a", Now, Lease, 30, Ct), b.ClaimNeedingRestoreAsync("instance-b", Now, Lease, 30, Ct));

        var (ofA, ofB) = (claims[0].Select(s => s.Id).ToHashSet(), claims[1].Select(s => s.Id).ToHashSet());
        Assert.Empty(ofA.Intersect(ofB));
        Assert.Equal(40, ofA.Count + ofB.Count);
        Assert.DoesNotContain("not-due", ofA.Union(ofB));
        Assert.All(claims, list => Assert.Equal(list.OrderBy(s => s.DueAt).Select(s => s.Id), list.Select(s => s.Id)));
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_LiveClaimOfOther_IsLeftUntilLeaseEndsThenTakenOver()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var (a, b) = (new PostgresSessionStore(first), new PostgresSessionStore(second));
        await a.InsertAsync(TestInstances.Session("s-1", 1, Now.AddMinutes(-1)), Ct);
        Assert.Single(await a.ClaimNeedingRestoreAsync("instance-a", Now, Lease, 10, Ct));

        Assert.Empty(await b.ClaimNeedingRestoreAsync("instance-b", Now.AddSeconds(10), Lease, 10, Ct));
        Assert.Single(await a.ClaimNeedingRestoreAsync("instance-a", Now.AddSeconds(10), Lease, 10, Ct)); // renewed to +25 s
        Assert.Empty(await b.ClaimNeedingRestoreAsync("instance-b", Now.AddSeconds(24), Lease, 10, Ct));

        var taken = await b.ClaimNeedingRestoreAsync("instance-b", Now.AddSeconds(26), Lease, 10, Ct);
        Assert.Equal("s-1", Assert.Single(taken).Id);
        Assert.Empty(await a.ClaimNeedingRestoreAsync("instance-a", Now.AddSeconds(27), Lease, 10, Ct));
    }

    [Fact]
    public async Task ReleaseClaimAsync_ByOtherInstance_KeepsClaimAndByOwner_FreesIt()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var database = TestInstances.Database(connectionString);
        var store = new PostgresSessionStore(database);
        await store.InsertAsync(TestInstances.Session("s-2", 2, Now.AddMinutes(-1)), Ct);
        Assert.Single(await store.ClaimNeedingRestoreAsync("instance-a", Now, Lease, 10, Ct));

        await store.ReleaseClaimAsync("s-2", "instance-b", Ct);
        Assert.Empty(await store.ClaimNeedingRestoreAsync("instance-b", Now.AddSeconds(1), Lease, 10, Ct));

        await store.ReleaseClaimAsync("s-2", "instance-a", Ct);
        Assert.Single(await store.ClaimNeedingRestoreAsync("instance-b", Now.AddSeconds(2), Lease, 10, Ct));
    }
}
