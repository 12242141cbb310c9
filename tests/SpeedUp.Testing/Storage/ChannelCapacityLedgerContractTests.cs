using SpeedUp.Core.Channels;
using SpeedUp.Core.Sessions;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IChannelCapacityLedger"/>: holdings are counted and taken atomically among instances,
/// count while their session is open (or briefly before it is journalled), and never once it has ended.
/// </summary>
public abstract class ChannelCapacityLedgerContractTests : StoreContractTests
{
    private static readonly ChannelLimits Unlimited = new(0, 0);

    private IChannelCapacityLedger Ledger => Get<IChannelCapacityLedger>();

    [Fact]
    public async Task TryHoldAsync_TakenThenAlreadyHeldThenFull_WithTheUsageAfterwards()
    {
        var limits = new ChannelLimits(2, 0);

        var taken = await Ledger.TryHoldAsync("ct-1", "s1", 150, limits, T0, Ct);
        var again = await Ledger.TryHoldAsync("ct-1", "s1", 150, limits, T0, Ct);
        var second = await Ledger.TryHoldAsync("ct-1", "s2", 100, limits, T0, Ct);
        var full = await Ledger.TryHoldAsync("ct-1", "s3", 10, limits, T0, Ct);

        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(1, 150)), taken);
        Assert.Equal((CapacityHoldOutcome.AlreadyHeld, new ChannelUsage(1, 150)), again);
        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(2, 250)), second);
        Assert.Equal(CapacityHoldOutcome.Full, full.Outcome);
        Assert.Equal(new ChannelUsage(2, 250), await UsageAsync("ct-1", T0));
        Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-2", "s3", 10, limits, T0, Ct)).Outcome); // limits are per channel
    }

    [Fact]
    public async Task TryHoldAsync_BandwidthPool_TakesUpToThePoolExactly()
    {
        var limits = new ChannelLimits(0, 300);
        Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-1", "s1", 200, limits, T0, Ct)).Outcome);

        var over = await Ledger.TryHoldAsync("ct-1", "s2", 101, limits, T0, Ct);
        var exactly = await Ledger.TryHoldAsync("ct-1", "s3", 100, limits, T0, Ct);

        Assert.Equal(CapacityHoldOutcome.Full, over.Outcome);
        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(2, 300)), exactly);
        Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-1", "s4", 0, limits, T0, Ct)).Outcome); // adds nothing to the pool
    }

    [Fact]
    public async Task TryHoldAsync_NoLimits_TakesEveryHolding()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-1", $"s{i}", 1000, Unlimited, T0, Ct)).Outcome);
        }

        Assert.Equal(new ChannelUsage(30, 30_000), await UsageAsync("ct-1", T0));
    }

    [Fact]
    public async Task KeepOnlyAsync_LeavesTheSessionHoldingOnlyOnTheGivenChannel()
    {
        await Ledger.TryHoldAsync("ct-1", "s1", 100, Unlimited, T0, Ct);
        await Ledger.TryHoldAsync("ct-2", "s1", 100, Unlimited, T0, Ct);
        await Ledger.TryHoldAsync("ct-1", "s2", 50, Unlimited, T0, Ct);

        await Ledger.KeepOnlyAsync("s1", "ct-2", Ct);

        Assert.Equal(new ChannelUsage(1, 50), await UsageAsync("ct-1", T0));
        Assert.Equal(new ChannelUsage(1, 100), await UsageAsync("ct-2", T0));
        Assert.Equal(CapacityHoldOutcome.AlreadyHeld, (await Ledger.TryHoldAsync("ct-2", "s1", 100, Unlimited, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task ReleaseAsync_OneChannelOrAll_Idempotently()
    {
        await Ledger.TryHoldAsync("ct-1", "s1", 100, Unlimited, T0, Ct);
        await Ledger.TryHoldAsync("ct-2", "s1", 100, Unlimited, T0, Ct);
        await Ledger.TryHoldAsync("ct-3", "s1", 100, Unlimited, T0, Ct);
        await Ledger.TryHoldAsync("ct-1", "s2", 50, Unlimited, T0, Ct);

        await Ledger.ReleaseAsync("s1", "ct-1", Ct);
        await Ledger.ReleaseAsync("s1", "ct-1", Ct);
        Assert.Equal(new ChannelUsage(1, 50), await UsageAsync("ct-1", T0));
        Assert.Equal(new ChannelUsage(1, 100), await UsageAsync("ct-2", T0));

        await Get<IChannelCapacityLedger>(await SecondInstanceAsync()).ReleaseAsync("s1", null, Ct);
        await Ledger.ReleaseAsync("s1", null, Ct);

        var usage = await Ledger.ReadUsageAsync(T0, Ct);
        Assert.Equal(new ChannelUsage(1, 50), usage.GetValueOrDefault("ct-1"));
        Assert.Equal(default, usage.GetValueOrDefault("ct-2"));
        Assert.Equal(default, usage.GetValueOrDefault("ct-3"));
        Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-1", "s1", 100, new ChannelLimits(2, 0), T0, Ct)).Outcome);
    }

    [Fact]
    public async Task ReadUsageAsync_HoldingOfAnUnjournalledSession_CountsOnlyForTheUnjournalledHoldingLife()
    {
        var life = IChannelCapacityLedger.UnjournalledHoldingLife;
        await Ledger.TryHoldAsync("ct-1", "never-journalled", 100, Unlimited, T0, Ct);

        Assert.Equal(new ChannelUsage(1, 100), await UsageAsync("ct-1", T0 + life - TimeSpan.FromSeconds(1)));
        Assert.Equal(default, await UsageAsync("ct-1", T0 + life + TimeSpan.FromSeconds(1)));
        // Nor does it keep others out once its life is over.
        var later = await Ledger.TryHoldAsync("ct-1", "s2", 100, new ChannelLimits(1, 0), T0 + life + TimeSpan.FromSeconds(1), Ct);
        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(1, 100)), later);
    }

    [Fact]
    public async Task ReadUsageAsync_HoldingOfAnOpenSession_CountsUntilTheSessionEnds()
    {
        var sessions = Get<ISessionStore>();
        var session = Session(330100001, startedAt: T0, duration: TimeSpan.FromHours(3), channel: "ct-1");
        await Ledger.TryHoldAsync("ct-1", session.Id, 150, new ChannelLimits(1, 0), T0, Ct);
        await sessions.InsertAsync(session, Ct);
        await sessions.UpdateAsync(session.Active(), Ct);

        Assert.Equal(new ChannelUsage(1, 150), await UsageAsync("ct-1", T0.AddHours(2))); // journalled and open: long past the unjournalled life
        Assert.Equal(CapacityHoldOutcome.Full, (await Ledger.TryHoldAsync("ct-1", "s2", 150, new ChannelLimits(1, 0), T0.AddHours(2), Ct)).Outcome);

        await sessions.UpdateAsync(session.Ended(T0.AddHours(2)), Ct); // ended, holding not released (a crash in between)

        Assert.Equal(default, await UsageAsync("ct-1", T0.AddHours(2)));
        Assert.Equal(default, await UsageAsync("ct-1", T0)); // an ended session's holding counts at no time
        Assert.Equal(CapacityHoldOutcome.Taken, (await Ledger.TryHoldAsync("ct-1", "s2", 150, new ChannelLimits(1, 0), T0.AddHours(2), Ct)).Outcome);
    }

    [Fact]
    public async Task TryHoldAsync_TwentyAtOnceFromTwoInstances_TakesExactlyTheLimit()
    {
        var instances = new[] { Ledger, Get<IChannelCapacityLedger>(await SecondInstanceAsync()) };
        var limits = new ChannelLimits(5, 0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => instances[i % 2].TryHoldAsync("ct-1", $"s{i}", 100, limits, T0, Ct), Ct)));

        Assert.Equal(5, outcomes.Count(o => o.Outcome == CapacityHoldOutcome.Taken));
        Assert.Equal(15, outcomes.Count(o => o.Outcome == CapacityHoldOutcome.Full));
        Assert.All(outcomes, o => Assert.InRange(o.Usage.SpeedUps, 0, 5));
        Assert.Equal(new ChannelUsage(5, 500), await UsageAsync("ct-1", T0));
    }

    private async Task<ChannelUsage> UsageAsync(string channel, DateTimeOffset now) =>
        (await Ledger.ReadUsageAsync(now, Ct)).GetValueOrDefault(channel);
}
