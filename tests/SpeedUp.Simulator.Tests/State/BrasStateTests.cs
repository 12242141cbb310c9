using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

public sealed class BrasStateTests
{
    private static BrasState Telecom() => BrasState.FromSeedFile(SimulatorTestPaths.TelecomSeed);

    [Fact]
    public void FindBy_BandIdAccountAddressAndPort_ReturnsExactMatchesOnly()
    {
        var state = Telecom();
        Assert.Equal("zj0571a0001", state.FindByBandId(330100001)?.Account);
        Assert.Equal(330100001, state.FindByAccount("zj0571a0001")?.BandId);
        Assert.Null(state.FindByAccount("ZJ0571A0001"));
        var shared = state.FindByIp(IPAddress.Parse("202.101.172.100"));
        Assert.Equal([330100003, 330100004, 330100005], shared.Select(l => l.BandId));
        Assert.Equal(330100004, state.FindByIpAndPort(IPAddress.Parse("202.101.172.100"), 2500)?.BandId);
        Assert.Null(state.FindByIpAndPort(IPAddress.Parse("202.101.172.100"), 80));
        Assert.Empty(state.FindByIp(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void SetRate_Below64KbpsOrAboveCapability_IsRefused()
    {
        var state = Telecom();
        Assert.True(state.SetRate(new RateChange(330100001, RateDirection.Down, 200000), CommandFace.Control, "t").IsApplied);
        Assert.Equal(RateChangeStatus.OutOfCapability, state.SetRate(new RateChange(330100001, RateDirection.Down, 200001), CommandFace.Control, "t").Status);
        Assert.Equal(RateChangeStatus.OutOfCapability, state.SetRate(new RateChange(330100001, RateDirection.Up, 63), CommandFace.Control, "t").Status);
        Assert.Equal(RateChangeStatus.UnknownLine, state.SetRate(new RateChange(1, RateDirection.Up, 1000), CommandFace.Control, "t").Status);
        Assert.Equal(200000, state.FindByBandId(330100001)!.DownKbps);

        var capped = state.FindByAccount("sn029a0002")!;
        Assert.Equal(RateChangeStatus.OutOfCapability,
            state.SetRate(new RateChange(capped.BandId, RateDirection.Down, capped.BaseDownKbps + 1), CommandFace.Control, "t").Status);
    }

    [Fact]
    public void SetRates_OneChangeOutOfCapability_AppliesNone()
    {
        var state = Telecom();
        var result = state.SetRates(
            [new RateChange(330100001, RateDirection.Up, 10000), new RateChange(330100002, RateDirection.Down, 999999)],
            CommandFace.Snmp, "multi");
        Assert.Equal(new RateChangeResult(RateChangeStatus.OutOfCapability, 1), result);
        Assert.True(state.FindByBandId(330100001)!.AtBaseRates);
    }

    [Fact]
    public void Reboot_AfterRateChanges_RestoresBaseRatesAndAuditsEverything()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var seed = SeedLoader.LoadFile(SimulatorTestPaths.TelecomSeed);
        var state = new BrasState(seed.Hostname, seed.Lines, time);
        state.SetRate(new RateChange(330100001, RateDirection.Down, 150000), CommandFace.Cli, "set down");
        state.SetRate(new RateChange(330100001, RateDirection.Down, 999999), CommandFace.Snmp, "too much");
        time.Advance(TimeSpan.FromSeconds(1));
        state.Reboot();

        Assert.All(state.Lines, l => Assert.True(l.AtBaseRates));
        Assert.Collection(state.AuditLog,
            e => Assert.Equal((CommandFace.Cli, "set down", "applied"), (e.Face, e.Command, e.Outcome)),
            e => Assert.Equal((CommandFace.Snmp, "rejected: out of line capability"), (e.Face, e.Outcome)),
            e =>
            {
                Assert.Equal((CommandFace.Control, "reboot"), (e.Face, e.Command));
                Assert.Equal(time.GetUtcNow(), e.Timestamp);
            });
    }

    [Fact]
    public void SetRate_ConcurrentWriters_LosesNoUpdates()
    {
        var state = Telecom();
        Parallel.For(0, 2000, i =>
            state.SetRate(new RateChange(330100001 + (i % 5), RateDirection.Up, 64 + i), CommandFace.Control, "p"));
        Assert.Equal(2000, state.AuditLog.Count);
        Assert.All(state.Lines.Where(l => l.BandId <= 330100005), l => Assert.NotEqual(l.BaseUpKbps, l.UpKbps));
    }
}
