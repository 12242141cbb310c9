using SpeedUp.Testing;
using SpeedUp.Drivers.Conformance;
using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>The ZTE CLI driver under the simulator's CLI faults: dropped sessions, garbled and slow output, injection attempts.</summary>
[Collection(ZteSimulatorCollection.Name)]
public sealed class ZteCliDriverFaultTests
{
    private static readonly LineReference Beijing1 = new(411000001, "bj010u0001");
    private readonly ZteSimulatorFixture _fixture;

    public ZteCliDriverFaultTests(ZteSimulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Simulator.Faults.Clear();
        fixture.Simulator.State.Reboot();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private SimulatorFaults Faults => _fixture.Simulator.Faults;

    [Fact]
    public async Task DroppedSession_ReconnectsOnceTransparently()
    {
        await using var driver = _fixture.CreateDriver();
        await driver.ReadLineAsync(Beijing1, Token);

        Faults.DropConnectionOnNextCommand();
        var line = await driver.ReadLineAsync(Beijing1, Token);

        Assert.Equal(Beijing1, line.Reference);
        Assert.False(Faults.DropArmed);
        Assert.Equal(80000, (await driver.SetRateAsync(Beijing1, Direction.Down, 80000, Token)).DownKbps);
    }

    [Fact]
    public async Task DroppedSession_BeforeTheChangeWasSent_TheWriteIsRetriedOnAFreshSession()
    {
        await using var driver = _fixture.CreateDriver();
        await driver.ReadLineAsync(Beijing1, Token);

        Faults.DropConnectionOnNextCommand();
        var rates = await driver.SetRateAsync(Beijing1, Direction.Down, 90000, Token);

        Assert.Equal(90000, rates.DownKbps);
        Assert.Equal(90000, _fixture.Simulator.State.FindByAccount("bj010u0001")!.DownKbps);
        Assert.False(Faults.DropArmed);
    }

    [Fact]
    public async Task ConcurrentReads_ShareAtMostMaxSessions()
    {
        await using var driver = _fixture.CreateDriver();
        Faults.CommandLatency = TimeSpan.FromMilliseconds(50);

        var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => driver.ReadLineAsync(Beijing1, Token)));

        Assert.All(reads, line => Assert.Equal(Beijing1, line.Reference));
        Assert.InRange(driver.Sessions.Opened, 1, 2);
    }

    [Fact]
    public async Task GarbledJunk_ClearProtocolError_NothingWrittenBlindly()
    {
        await using var driver = _fixture.CreateDriver();
        Faults.Garble = GarbleMode.Junk;

        var read = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Beijing1, Token));
        var find = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse("202.106.0.20"), 1, Token));
        var set = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Beijing1, Direction.Down, 80000, Token));

        Assert.All([read, find, set], e => Assert.Equal(DriverFailure.ProtocolError, e.Failure));
        Assert.Contains("~*~", read.Message, StringComparison.Ordinal);
        Assert.Equal(50000, _fixture.Simulator.State.FindByAccount("bj010u0001")!.DownKbps);

        Faults.Garble = GarbleMode.None;
        Assert.Equal(Beijing1, (await driver.ReadLineAsync(Beijing1, Token)).Reference);
    }

    [Fact]
    public async Task GarbledAnsiNoise_Tolerated()
    {
        await using var driver = _fixture.CreateDriver();
        Faults.Garble = GarbleMode.Ansi;

        var line = await driver.FindLineAsync(IPAddress.Parse("58.240.57.100"), 2048, Token);
        var set = await driver.SetRateAsync(new LineReference(432000003, "js025u0003"), Direction.Up, 12000, Token);

        Assert.Equal("js025u0003", line?.Account);
        Assert.Equal(new LineRates(12000, 100000), set);
    }

    [Fact]
    public async Task SlowOutput_WithinTheTimeout_Works()
    {
        await using var driver = _fixture.CreateDriver(timeout: TimeSpan.FromSeconds(10));
        Faults.LineDelay = TimeSpan.FromMilliseconds(100);

        var line = await driver.ReadLineAsync(Beijing1, Token);

        Assert.Equal(50000, line.Current.DownKbps);
    }

    [Fact]
    public async Task SlowOutput_BeyondTheTimeout_Timeout_ThenRecovers()
    {
        await using var driver = _fixture.CreateDriver(timeout: TimeSpan.FromSeconds(2));
        await driver.ProbeAsync(Token);
        Faults.LineDelay = TimeSpan.FromMilliseconds(400);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Beijing1, Token));

        Assert.Equal(DriverFailure.Timeout, exception.Failure);
        Assert.True(exception.IsTransient);
        Faults.LineDelay = TimeSpan.Zero;
        Assert.Equal(Beijing1, (await driver.ReadLineAsync(Beijing1, Token)).Reference);
    }

    [Theory]
    [InlineData("bj010u0001\nconfigure terminal")]
    [InlineData("bj010u0001\rsimulator reboot")]
    [InlineData("a;b")]
    [InlineData("bj010u0001 rate-limit upstream 99999")]
    [InlineData("用户0001")]
    [InlineData("bj010u0001\u001b[A")]
    [InlineData("")]
    public async Task InjectionAttempts_InvalidValue_NothingReachesTheDevice(string account)
    {
        var audit = _fixture.Simulator.State.AuditLog.Count;
        await DeviceQuiet.WaitAsync(_fixture.Simulator, Token);
        var mark = _fixture.Simulator.Received.LastSequence;
        var before = _fixture.Simulator.State.FindByAccount("bj010u0001")!;
        await using var driver = _fixture.CreateDriver();
        var line = new LineReference(411000001, account);

        var set = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(line, Direction.Up, 8000, Token));
        var read = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(line, Token));

        Assert.Equal(DriverFailure.InvalidValue, set.Failure);
        Assert.Equal(DriverFailure.InvalidValue, read.Failure);
        Assert.Equal(audit, _fixture.Simulator.State.AuditLog.Count);
        Assert.Equal(before, _fixture.Simulator.State.FindByAccount("bj010u0001"));
        // Nothing reached the device beyond what the driver declares for these calls (IDriverDryRun): here nothing.
        var declared = DeclaredTraffic.Of(driver, DeclaredTraffic.SetRate(line, Direction.Up, 8000))!.Concat(DeclaredTraffic.Of(driver, DeclaredTraffic.ReadLine(line))!).ToList();
        Assert.Empty(declared);
        var received = _fixture.Simulator.Received.Since(mark).Select(r => new DeviceInput(r.Sequence, r.Text));
        Assert.Empty(DeclaredTraffic.Undeclared(received, declared));
        Assert.Equal(0, driver.Sessions.Opened);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(0)]
    [InlineData(-8000)]
    [InlineData(10_000_001)]
    public async Task OutOfRangeRates_InvalidValue_NothingSent(long rate)
    {
        var audit = _fixture.Simulator.State.AuditLog.Count;
        await using var driver = _fixture.CreateDriver();

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Beijing1, Direction.Down, rate, Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Equal(audit, _fixture.Simulator.State.AuditLog.Count);
        Assert.Equal(0, driver.Sessions.Opened);
    }

    [Fact]
    public async Task BadAddressOrPort_InvalidValue_NothingSent()
    {
        await using var driver = _fixture.CreateDriver();

        var v6 = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.IPv6Loopback, 1, Token));
        var port = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse("202.106.0.20"), 65536, Token));

        Assert.Equal(DriverFailure.InvalidValue, v6.Failure);
        Assert.Equal(DriverFailure.InvalidValue, port.Failure);
        Assert.Equal(0, driver.Sessions.Opened);
    }
}
