using SpeedUp.Core.Sessions;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="ILineLocks"/> among instances, for providers whose locks are shared through the store
/// (PostgreSQL; the embedded SQLite store serves one instance): another instance's hold blocks, and goes with it.
/// </summary>
public abstract class SharedLineLocksContractTests : LineLocksContractTests
{
    [Fact]
    public async Task AcquireAsync_HeldByAnotherInstance_WaitsUntilItReleases()
    {
        var other = await SecondInstanceAsync();
        var held = await Get<ILineLocks>(other).AcquireAsync(330100001, Ct);

        var waiting = Locks.AcquireAsync(330100001, Ct);

        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct));
        Assert.False(waiting.IsCompleted);
        await using (var elsewhere = await Locks.TryAcquireAsync(330100002, Ct))
        {
            Assert.NotNull(elsewhere); // other bands stay free
        }

        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience, Ct);
        Assert.Null(await Get<ILineLocks>(other).TryAcquireAsync(330100001, Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherInstance_IsNullUntilReleased()
    {
        var other = await SecondInstanceAsync();
        var held = await Locks.AcquireAsync(330100001, Ct);

        Assert.Null(await Get<ILineLocks>(other).TryAcquireAsync(330100001, Ct));

        await held.DisposeAsync();
        await using var taken = await Get<ILineLocks>(other).TryAcquireAsync(330100001, Ct);
        Assert.NotNull(taken);
        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct));
    }

    [Fact]
    public async Task AcquireAsync_HoldingInstanceStops_ItsLocksAreFreed()
    {
        var other = await SecondInstanceAsync();
        _ = await Get<ILineLocks>(other).AcquireAsync(330100001, Ct); // never released: the instance goes away
        var waiting = Locks.AcquireAsync(330100001, Ct);
        Assert.False(waiting.IsCompleted);

        await StopAsync(other);

        await using var next = await waiting.WaitAsync(Patience, Ct);
        Assert.NotNull(next);
    }
}
