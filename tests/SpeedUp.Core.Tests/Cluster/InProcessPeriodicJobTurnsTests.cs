using SpeedUp.Core.Cluster;

namespace SpeedUp.Core.Tests;

/// <summary>One instance on its own store: every turn is its own (its timer already runs a job once per period).</summary>
public sealed class InProcessPeriodicJobTurnsTests
{
    [Fact]
    public async Task TryTakeTurnAsync_EveryAsk_IsGranted()
    {
        var turns = new InProcessPeriodicJobTurns();
        var now = new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

        Assert.True(await turns.TryTakeTurnAsync("reconcile", "a", now, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(await turns.TryTakeTurnAsync("reconcile", "a", now, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }
}
