using SpeedUp.Core.Channels;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Channel capacity held by two instances at once.</summary>
public sealed class PostgresChannelCapacityLedgerTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryHoldAsync_TwentyAtOnceFromTwoInstances_HoldsExactlyMaxSpeedUps()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var ledgers = new[] { new PostgresChannelCapacityLedger(first), new PostgresChannelCapacityLedger(second) };
        var now = DateTimeOffset.UtcNow;
        var limits = new ChannelLimits(MaxSpeedUps: 5, BandwidthPoolMbps: 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ledgers[i % 2].TryHoldAsync("channel-x", $"s-{i}", 100, limits, now, Ct)));

        Assert.Equal(5, results.Count(r => r.Outcome == CapacityHoldOutcome.Taken));
        Assert.All(results, r => Assert.True(r.Usage.SpeedUps <= 5));
        var usage = await ledgers[0].ReadUsageAsync(now, Ct);
        Assert.Equal(new ChannelUsage(5, 500), usage["channel-x"]);
        Assert.Equal(5, await TestInstances.ScalarAsync(connectionString, "SELECT COUNT(*) FROM channel_holdings WHERE channel = 'channel-x'"));
    }

    [Fact]
    public async Task TryHoldAsync_PoolFromTwoInstances_NeverPassesBandwidthPool()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var ledgers = new[] { new PostgresChannelCapacityLedger(first), new PostgresChannelCapacityLedger(second) };
        var now = DateTimeOffset.UtcNow;
        var limits = new ChannelLimits(MaxSpeedUps: 0, BandwidthPoolMbps: 1000);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ledgers[i % 2].TryHoldAsync("channel-pool", $"p-{i}", 300, limits, now, Ct)));

        Assert.Equal(3, results.Count(r => r.Outcome == CapacityHoldOutcome.Taken));
        Assert.Equal(new ChannelUsage(3, 900), (await ledgers[1].ReadUsageAsync(now, Ct))["channel-pool"]);
    }

    [Fact]
    public async Task TryHoldAsync_NoLimits_DoesNotWaitForTheChannelsLock_WhileALimitedHoldDoes()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var database = TestInstances.Database(connectionString);
        var ledger = new PostgresChannelCapacityLedger(database);
        var now = DateTimeOffset.UtcNow;

        // Another instance in the middle of a limited hold on the channel: it holds the channel's lock until it commits.
        await using var holder = await HeldAdvisoryLock.TakeAsync(connectionString, PostgresChannelCapacityLedger.LockClassId, "hashtext('channel-free')");

        var limited = ledger.TryHoldAsync("channel-free", "limited", 100, new ChannelLimits(MaxSpeedUps: 10, BandwidthPoolMbps: 0), now, Ct);
        var unlimited = await ledger.TryHoldAsync("channel-free", "free", 100, new ChannelLimits(0, 0), now, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(1, 100)), unlimited);
        Assert.False(limited.IsCompleted);
        await holder.ReleaseAsync();
        Assert.Equal((CapacityHoldOutcome.Taken, new ChannelUsage(2, 200)), await limited);
    }

    [Fact]
    public async Task TryHoldAsync_NoLimitsTwentyAtOnceFromTwoInstances_TakesEveryOneOnceAndCountsThem()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var first = TestInstances.Database(connectionString);
        await using var second = TestInstances.Database(connectionString);
        var ledgers = new[] { new PostgresChannelCapacityLedger(first), new PostgresChannelCapacityLedger(second) };
        var now = DateTimeOffset.UtcNow;
        var unlimited = new ChannelLimits(0, 0);

        // Ten sessions, each held twice at once (once through each instance): one hold takes, the other finds it held.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ledgers[i % 2].TryHoldAsync("channel-free", $"f-{i / 2}", 100, unlimited, now, Ct)));

        Assert.Equal(10, results.Count(r => r.Outcome == CapacityHoldOutcome.Taken));
        Assert.Equal(10, results.Count(r => r.Outcome == CapacityHoldOutcome.AlreadyHeld));
        Assert.All(results, r => Assert.InRange(r.Usage.SpeedUps, 1, 10));
        Assert.Equal(new ChannelUsage(10, 1000), (await ledgers[1].ReadUsageAsync(now, Ct))["channel-free"]);
        Assert.Equal(10, await TestInstances.ScalarAsync(connectionString, "SELECT COUNT(*) FROM channel_holdings WHERE channel = 'channel-free'"));
    }
}
