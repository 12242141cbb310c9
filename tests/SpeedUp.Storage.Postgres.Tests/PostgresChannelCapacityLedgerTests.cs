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
}
