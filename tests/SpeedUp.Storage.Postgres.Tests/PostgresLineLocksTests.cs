using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Line locks between two instances (two pools) over one database.</summary>
public sealed class PostgresLineLocksTests(PostgresClusterFixture postgres) : IAsyncLifetime
{
    private PostgresDatabase _first = null!;
    private PostgresDatabase _second = null!;
    private string _connectionString = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        _first = TestInstances.Database(_connectionString);
        _second = TestInstances.Database(_connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_HeldByOtherInstance_WaitsUntilReleased()
    {
        var (a, b) = (Locks(_first), Locks(_second));
        var held = await a.AcquireAsync(42, Ct);

        var waiting = b.AcquireAsync(42, Ct);
        await WaitingInDatabaseAsync(); // b's backend queues on the advisory lock
        Assert.False(waiting.IsCompleted);
        await using (await b.AcquireAsync(43, Ct))
        {
            // Another line is not blocked.
        }

        await held.DisposeAsync();
        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    /// <summary>Returns once the server shows one advisory lock request not granted (pg_locks), a wait the test can observe.</summary>
    private async Task WaitingInDatabaseAsync()
    {
        while (await TestInstances.ScalarAsync(_connectionString, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0)
        {
            await Task.Yield();
        }
    }

    [Fact]
    public async Task TryAcquireAsync_HeldHereOrByOtherInstance_ReturnsNullUntilReleased()
    {
        var (a, b) = (Locks(_first), Locks(_second));
        var held = await a.AcquireAsync(7, Ct);

        Assert.Null(await b.TryAcquireAsync(7, Ct));
        Assert.Null(await a.TryAcquireAsync(7, Ct));

        await held.DisposeAsync();
        var taken = await b.TryAcquireAsync(7, Ct);
        Assert.NotNull(taken);
        Assert.Null(await a.TryAcquireAsync(7, Ct));
        await taken.DisposeAsync();
        await using var again = await a.TryAcquireAsync(7, Ct);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task AcquireAsync_HolderBackendTerminated_LockIsFreed()
    {
        var (a, b) = (Locks(_first), Locks(_second));
        var held = await a.AcquireAsync(1001, Ct);
        Assert.Null(await b.TryAcquireAsync(1001, Ct));

        // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        Assert.Equal(1, await TestInstances.ScalarAsync(_connectionString,
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 1001 AND objsubid = 1"));

        await using var taken = await b.AcquireAsync(1001, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await held.DisposeAsync(); // the unlock fails on the dead session: released all the same, no exception
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndTakesNothing()
    {
        var (a, b) = (Locks(_first), Locks(_second));
        var held = await a.AcquireAsync(55, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.AcquireAsync(55, cancel.Token));

        await held.DisposeAsync();
        await using var taken = await b.TryAcquireAsync(55, Ct);
        Assert.NotNull(taken);
    }

    private static PostgresLineLocks Locks(PostgresDatabase database) => new(database, NullLogger<PostgresLineLocks>.Instance);
}
