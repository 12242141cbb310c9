using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Huawei.Tests;

[Collection(HuaweiSimulatorCollection.Name)]
public sealed class HuaweiCliDriverSimulatorTests(HuaweiSimulatorFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindLine_OwnAddress_MatchesSimulatorState()
    {
        await using var driver = fixture.CreateDriver();
        var expected = fixture.Simulator.State.FindByAccount("zj0571a0001")!;

        var line = await driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 443, Token);

        Assert.NotNull(line);
        Assert.Equal(expected.BandId, line.BandId);
        Assert.Equal(expected.Account, line.Account);
        Assert.Equal(PortRange.All, line.Ports);
        Assert.Equal(new LineRates(expected.UpKbps, expected.DownKbps), line.Current);
        Assert.Equal(new LineCapability(expected.MaxUpKbps, expected.MaxDownKbps, expected.SpeedUpPermitted), line.Capability);
    }

    [Theory]
    [InlineData(1024, 330100003L)]
    [InlineData(2500, 330100004L)]
    [InlineData(4095, 330100005L)]
    public async Task FindLine_CgnatAddress_PortPicksLine(int port, long bandId)
    {
        await using var driver = fixture.CreateDriver();

        var line = await driver.FindLineAsync(IPAddress.Parse("202.101.172.100"), port, Token);

        Assert.Equal(bandId, line?.BandId);
        Assert.True(line!.Ports.Contains(port));
    }

    [Fact]
    public async Task SetRate_UpThenDown_VisibleInSimulatorThenRestored()
    {
        await using var driver = fixture.CreateDriver();
        var state = fixture.Simulator.State;
        var before = state.FindByAccount("zj0571a0002")!;
        var line = new LineReference(before.BandId, before.Account);

        var up = await driver.SetRateAsync(line, Direction.Up, 16000, Token);
        var down = await driver.SetRateAsync(line, Direction.Down, 180000, Token);
        var during = state.FindByAccount("zj0571a0002")!;
        var readBack = await driver.ReadLineAsync(line, Token);

        Assert.Equal(16000, up.UpKbps);
        Assert.Equal(new LineRates(16000, 180000), down);
        Assert.Equal((16000, 180000), (during.UpKbps, during.DownKbps));
        Assert.Equal(new LineRates(16000, 180000), readBack.Current);

        await driver.SetRateAsync(line, Direction.Up, before.BaseUpKbps, Token);
        var restored = await driver.SetRateAsync(line, Direction.Down, before.BaseDownKbps, Token);

        Assert.Equal(new LineRates(before.BaseUpKbps, before.BaseDownKbps), restored);
        Assert.True(state.FindByAccount("zj0571a0002")!.AtBaseRates);
        Assert.Contains(state.AuditLog, e => e.Face == CommandFace.Cli && e.Command.Contains("zj0571a0002 car outbound cir 180000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetRate_AboveCapability_RejectedAndStateUnchanged()
    {
        await using var driver = fixture.CreateDriver();
        var before = fixture.Simulator.State.FindByAccount("zj0571a0001")!;

        var exception = await Assert.ThrowsAsync<DriverException>(
            () => driver.SetRateAsync(new LineReference(before.BandId, before.Account), Direction.Up, before.MaxUpKbps + 1, Token));

        Assert.Equal(DriverFailure.Rejected, exception.Failure);
        Assert.Contains("Error: The CIR value is out of the line capability.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before.UpKbps, fixture.Simulator.State.FindByAccount("zj0571a0001")!.UpKbps);
        Assert.True((await driver.ProbeAsync(Token)).Healthy);
    }

    [Fact]
    public async Task Operation_SessionDroppedByDevice_ReconnectsTransparently()
    {
        await using var driver = fixture.CreateDriver();
        var line = new LineReference(330100001, "zj0571a0001");
        await driver.ReadLineAsync(line, Token);
        fixture.Simulator.Faults.DropConnectionOnNextCommand();

        var read = await driver.ReadLineAsync(line, Token);

        Assert.Equal(330100001, read.BandId);
        Assert.False(fixture.Simulator.Faults.DropArmed);
    }

    [Fact]
    public async Task Operations_Concurrent_OneSessionServesAll()
    {
        await using var driver = fixture.CreateDriver();
        var line = new LineReference(330100001, "zj0571a0001");

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => driver.ReadLineAsync(line, Token))));

        Assert.All(reads, read => Assert.Equal(330100001, read.BandId));
    }
}
