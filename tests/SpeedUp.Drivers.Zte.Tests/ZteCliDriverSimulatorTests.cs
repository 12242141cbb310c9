using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>The ZTE CLI driver against the simulator through real sshd: find, read, set with read-back, paging, CLI errors.</summary>
[Collection(ZteSimulatorCollection.Name)]
public sealed class ZteCliDriverSimulatorTests
{
    private static readonly LineReference Beijing1 = new(411000001, "bj010u0001");
    private readonly ZteSimulatorFixture _fixture;

    public ZteCliDriverSimulatorTests(ZteSimulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Simulator.Faults.Clear();
        fixture.Simulator.State.Reboot();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private BrasState State => _fixture.Simulator.State;

    [Fact]
    public async Task FindLine_OwnAddress_ReturnsTheLineWithRatesAndCapability()
    {
        await using var driver = _fixture.CreateDriver();

        var line = await driver.FindLineAsync(IPAddress.Parse("202.106.0.20"), 40000, Token);

        Assert.NotNull(line);
        Assert.Equal(Beijing1, line.Reference);
        Assert.Equal(new LineRates(4000, 50000), line.Current);
        Assert.Equal(new LineCapability(20000, 300000, true), line.Capability);
        Assert.Equal(PortRange.All, line.Ports);
    }

    [Theory]
    [InlineData(1024, "js025u0002")]
    [InlineData(2500, "js025u0003")]
    [InlineData(4095, "js025u0004")]
    [InlineData(5000, null)]
    [InlineData(80, null)]
    public async Task FindLine_CgnatAddress_ThePortPicksTheLine(int port, string? account)
    {
        await using var driver = _fixture.CreateDriver();

        var line = await driver.FindLineAsync(IPAddress.Parse("58.240.57.100"), port, Token);

        Assert.Equal(account, line?.Account);
    }

    [Fact]
    public async Task SetRate_AboveTheConfirmationThreshold_AnswersYesAndConfirms()
    {
        await using var driver = _fixture.CreateDriver();

        var rates = await driver.SetRateAsync(Beijing1, Direction.Down, 200000, Token);

        Assert.Equal(200000, rates.DownKbps);
        Assert.Equal(200000, State.FindByAccount("bj010u0001")!.DownKbps);
        Assert.True((await driver.ProbeAsync(Token)).Healthy);
        Assert.Equal(4000, (await driver.SetRateAsync(Beijing1, Direction.Up, 4000, Token)).UpKbps);
    }

    [Fact]
    public async Task SetRate_AboveCapability_RejectedWithTheDeviceLine_StateUnchanged()
    {
        await using var driver = _fixture.CreateDriver();

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Beijing1, Direction.Up, 90000, Token));

        Assert.Equal(DriverFailure.Rejected, exception.Failure);
        Assert.Contains("% Rate exceeds line capability.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(4000, State.FindByAccount("bj010u0001")!.UpKbps);
        Assert.Equal(4000, (await driver.ReadLineAsync(Beijing1, Token)).Current.UpKbps);
    }

    [Fact]
    public async Task SetRate_AboveCapabilityAndThreshold_RejectedAfterTheConfirmation()
    {
        await using var driver = _fixture.CreateDriver();

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Beijing1, Direction.Down, 400000, Token));

        Assert.Equal(DriverFailure.Rejected, exception.Failure);
        Assert.Equal(50000, State.FindByAccount("bj010u0001")!.DownKbps);
        Assert.True((await driver.ProbeAsync(Token)).Healthy);
    }

    [Fact]
    public async Task ReadLine_UnknownAccountOrOtherBandId_LineNotFound()
    {
        await using var driver = _fixture.CreateDriver();

        var unknown = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(411000009, "bj010u0009"), Token));
        var moved = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(411000002, "bj010u0001"), Token));
        var set = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(new LineReference(411000009, "bj010u0009"), Direction.Up, 8000, Token));

        Assert.Equal(DriverFailure.LineNotFound, unknown.Failure);
        Assert.Equal(DriverFailure.LineNotFound, moved.Failure);
        Assert.Equal(DriverFailure.LineNotFound, set.Failure);
    }

    [Fact]
    public async Task Paging_NotDisabled_DriverPagesThroughMore()
    {
        await using var driver = _fixture.CreatePagingDriver();

        var line = await driver.FindLineAsync(IPAddress.Parse("58.240.57.100"), 3500, Token);
        var set = await driver.SetRateAsync(new LineReference(432000004, "js025u0004"), Direction.Down, 60000, Token);

        Assert.Equal("js025u0004", line?.Account);
        Assert.Equal(60000, set.DownKbps);
    }

    [Fact]
    public async Task Paging_ForcedOnByFault_DriverStillWorks()
    {
        _fixture.Simulator.Faults.ForcePaging = true;
        await using var driver = _fixture.CreateDriver();

        var line = await driver.FindLineAsync(IPAddress.Parse("58.240.57.100"), 1500, Token);

        Assert.Equal("js025u0002", line?.Account);
    }

    [Fact]
    public async Task Probe_Healthy_NamesTheExecPrompt()
    {
        await using var driver = _fixture.CreateDriver();

        var health = await driver.ProbeAsync(Token);

        Assert.True(health.Healthy, health.Detail);
        Assert.Contains("CU-BRAS-01#", health.Detail, StringComparison.Ordinal);
    }
}
