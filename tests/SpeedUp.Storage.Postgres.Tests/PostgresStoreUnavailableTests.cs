using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>The database going down and coming back, on a cluster of its own.</summary>
public sealed class PostgresStoreUnavailableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_DatabaseDownThenBack_FailAsUnavailableThenWorkWithoutRestart()
    {
        await using var cluster = await PostgresCluster.StartAsync(Ct);
        var connectionString = await cluster.CreateDatabaseAsync("outage", Ct);
        await using var database = TestInstances.Database(connectionString);
        await TestInstances.Migrator(database).MigrateAsync(Ct);
        var customers = new PostgresCustomerStore(database);
        var locks = new PostgresLineLocks(database, NullLogger<PostgresLineLocks>.Instance);
        await customers.CreateAsync(new Customer("c-1", "One", true, 10m, 0m, DateTimeOffset.UtcNow), Ct);
        await using (await locks.AcquireAsync(1, Ct))
        {
        }

        await cluster.StopServerAsync(Ct);

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => customers.FindAsync("c-1", Ct));
        Assert.Contains($"PostgreSQL store at 127.0.0.1:{cluster.Port}/outage unavailable", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => customers.FindAsync("c-1", Ct)); // refused now, not only broken
        await Assert.ThrowsAsync<StoreUnavailableException>(() => locks.AcquireAsync(1, Ct));

        await cluster.StartServerAgainAsync(Ct);

        Assert.Equal(10m, (await RetryOnceAsync(() => customers.FindAsync("c-1", Ct)))!.Balance);
        Assert.Equal(15m, (await customers.TopUpAsync("c-1", 5m, Ct))!.Balance);
        await using (await locks.AcquireAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct))
        {
        }
    }

    /// <summary>A pooled connection of the old server may fail once, and only as unavailable.</summary>
    private static async Task<T> RetryOnceAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StoreUnavailableException)
        {
            return await call();
        }
    }
}
