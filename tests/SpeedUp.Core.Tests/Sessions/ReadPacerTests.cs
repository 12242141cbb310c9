using Microsoft.Extensions.Time.Testing;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Tests;

/// <summary>A reconcile pass's reads: a second's worth at once, then no faster than the rate.</summary>
public sealed class ReadPacerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstSecondsWorth_GoesAtOnce_ThenEachReadWaitsForItsShareOfTime()
    {
        var time = new FakeTimeProvider();
        var pacer = new ReadPacer(10, time);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(pacer.WaitAsync(Ct).IsCompleted, $"read {i + 1} of the first second waits");
        }

        var eleventh = pacer.WaitAsync(Ct);
        Assert.False(eleventh.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(eleventh.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await eleventh.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        // A pass that fell behind (slow reads) does not wait at all until it is ahead of the rate again.
        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10; i++)
        {
            Assert.True(pacer.WaitAsync(Ct).IsCompleted);
        }

        Assert.False(pacer.WaitAsync(Ct).IsCompleted);
    }

    [Fact]
    public async Task CancelledWhileWaiting_Throws()
    {
        var time = new FakeTimeProvider();
        var pacer = new ReadPacer(1, time);
        await pacer.WaitAsync(Ct);
        using var cancel = new CancellationTokenSource();

        var waiting = pacer.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
