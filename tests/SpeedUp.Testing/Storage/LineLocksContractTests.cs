using SpeedUp.Core.Sessions;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="ILineLocks"/> within one instance: one holder per band id at a time. No sleeps: a waiter
/// is shown to wait by a try-acquire that fails while it is pending, and is awaited with a timeout once released.
/// Providers whose locks hold among instances run <see cref="SharedLineLocksContractTests"/> too.
/// </summary>
public abstract class LineLocksContractTests : StoreContractTests
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected ILineLocks Locks => Get<ILineLocks>();

    [Fact]
    public async Task AcquireAsync_SameBand_WaitsUntilTheHolderReleases()
    {
        var held = await Locks.AcquireAsync(330100001, Ct);

        var waiting = Locks.AcquireAsync(330100001, Ct);

        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct));
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience, Ct);
        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct)); // now the waiter holds it
    }

    [Fact]
    public async Task AcquireAsync_DifferentBands_DoNotWaitForEachOther()
    {
        await using var first = await Locks.AcquireAsync(330100001, Ct);

        await using var second = await Locks.AcquireAsync(330100002, Ct).WaitAsync(Patience, Ct);
        await using var third = await Locks.TryAcquireAsync(330100003, Ct);

        Assert.NotNull(third);
    }

    [Fact]
    public async Task TryAcquireAsync_NullWhileHeld_ALockOnceReleased()
    {
        var held = await Locks.TryAcquireAsync(330100001, Ct);
        Assert.NotNull(held);

        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct));

        await held.DisposeAsync();
        var again = await Locks.TryAcquireAsync(330100001, Ct);
        Assert.NotNull(again);
        await again.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndTakesNothing()
    {
        var held = await Locks.AcquireAsync(330100001, Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = Locks.AcquireAsync(330100001, cancel.Token);
        Assert.Null(await Locks.TryAcquireAsync(330100001, Ct));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, Ct));
        await held.DisposeAsync();
        await using var free = await Locks.TryAcquireAsync(330100001, Ct);
        Assert.NotNull(free); // the cancelled waiter left no hold behind
    }
}
