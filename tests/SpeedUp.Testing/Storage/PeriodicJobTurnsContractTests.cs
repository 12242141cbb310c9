using SpeedUp.Core.Cluster;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IPeriodicJobTurns"/> for stores shared by several instances (PostgreSQL): one turn per
/// period among them all, whoever asks first; a job's turns are its own.
/// </summary>
public abstract class PeriodicJobTurnsContractTests : StoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private IPeriodicJobTurns Turns => Get<IPeriodicJobTurns>();

    [Fact]
    public async Task TryTakeTurnAsync_OneTurnPerPeriodAmongInstances_WhoeverAsksFirst()
    {
        var other = Get<IPeriodicJobTurns>(await SecondInstanceAsync());

        Assert.True(await Turns.TryTakeTurnAsync("reconcile", "a", T0, Period, Ct));
        Assert.False(await other.TryTakeTurnAsync("reconcile", "b", T0.AddSeconds(1), Period, Ct));
        Assert.False(await Turns.TryTakeTurnAsync("reconcile", "a", T0.AddSeconds(2), Period, Ct)); // not twice either

        var gap = IPeriodicJobTurns.TurnGap(Period);
        Assert.False(await other.TryTakeTurnAsync("reconcile", "b", T0 + gap - TimeSpan.FromMilliseconds(1), Period, Ct));
        Assert.True(await other.TryTakeTurnAsync("reconcile", "b", T0 + gap, Period, Ct)); // a stopped, or its timer is later
        Assert.False(await Turns.TryTakeTurnAsync("reconcile", "a", T0 + Period, Period, Ct)); // b's turn started 3 s ago
    }

    [Fact]
    public async Task TryTakeTurnAsync_ManyAskingAtOnce_ExactlyOneTakesIt()
    {
        var other = Get<IPeriodicJobTurns>(await SecondInstanceAsync());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Turns : other).TryTakeTurnAsync("reconcile", $"i{i}", T0, Period, Ct), Ct)));

        Assert.Single(outcomes, taken => taken);
    }

    [Fact]
    public async Task TryTakeTurnAsync_JobsTakeTurnsIndependently()
    {
        Assert.True(await Turns.TryTakeTurnAsync("reconcile", "a", T0, Period, Ct));
        Assert.True(await Turns.TryTakeTurnAsync("another-job", "a", T0, Period, Ct));
        Assert.False(await Turns.TryTakeTurnAsync("another-job", "b", T0, Period, Ct));
    }
}
