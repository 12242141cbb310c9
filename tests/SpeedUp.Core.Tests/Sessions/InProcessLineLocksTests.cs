using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests.Sessions;

/// <summary>The in-process line locks hold a gate only while a line is held or waited for, and still serialize each line.</summary>
public sealed class InProcessLineLocksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireAsync_AMillionRandomBandIds_LeavesTheTableEmptyAndMemoryFlat()
    {
        var locks = new InProcessLineLocks();
        var random = new Random(42);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 1_000_000; i++)
        {
            var bandId = random.NextInt64(1, long.MaxValue);
            await using (await locks.AcquireAsync(bandId, Ct))
            {
            }

            await using (await locks.TryAcquireAsync(bandId, Ct))
            {
            }
        }

        Assert.Equal(0, locks.ActiveLines);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 8 * 1024 * 1024, $"the lock table grew by {grown} bytes for a million lines nobody holds"); // one gate each would be ~100 MB
    }

    [Fact]
    public async Task AcquireAsync_ManyCallersOnFewLines_OneHolderPerLineAtATime_AndNothingLeftAfterwards()
    {
        var locks = new InProcessLineLocks();
        var holders = new int[4];
        var maxHolders = new int[4];

        await Task.WhenAll(Enumerable.Range(0, 64).Select(caller => Task.Run(async () =>
        {
            for (var round = 0; round < 200; round++)
            {
                var line = (caller + round) % 4;
                await using (await locks.AcquireAsync(1000 + line, Ct))
                {
                    var now = Interlocked.Increment(ref holders[line]);
                    InterlockedMax(ref maxHolders[line], now);
                    await Task.Yield();
                    Interlocked.Decrement(ref holders[line]);
                }
            }
        }, Ct)));

        Assert.All(maxHolders, max => Assert.Equal(1, max));
        Assert.Equal(0, locks.ActiveLines);
    }

    [Fact]
    public async Task AcquireAsync_WaiterCancelled_LeavesTheLineToItsHolderAndIsForgotten()
    {
        var locks = new InProcessLineLocks();
        var held = await locks.AcquireAsync(7, Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync(7, cancel.Token);

        Assert.Null(await locks.TryAcquireAsync(7, Ct));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, locks.ActiveLines);

        await held.DisposeAsync();
        await held.DisposeAsync(); // a second release changes nothing
        Assert.Equal(0, locks.ActiveLines);
        await using (await locks.AcquireAsync(7, Ct))
        {
            Assert.Equal(1, locks.ActiveLines);
        }
    }

    [Fact]
    public async Task StopAsync_RandomBandIds_AreRefusedWithoutLeavingLocksBehind()
    {
        using var h = new CoreHarness();
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var command = new StopSpeedUpCommand("202.101.172.35", 0, random.NextInt64(1, long.MaxValue), (int)Direction.Down);
            var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StopAsync(command, Ct));
            Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
        }

        Assert.Equal(0, h.Locks.ActiveLines);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
