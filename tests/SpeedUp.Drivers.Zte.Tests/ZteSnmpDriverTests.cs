using System.Net;
using System.Net.Sockets;
using SpeedUp.Drivers.Zte;

namespace SpeedUp.Drivers.Zte.Tests;

public class ZteSnmpDriverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithLiveDevicesBlocked_ANonLoopbackAgentIsUnreachableAtOnce_AndTheSimulatorStillAnswers()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var line = new LineReference(330100001, "zj0571a0001");
        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var live = ZteSnmpDriverHarness.Channel(ZteSnmpDriverHarness.WriteCommunity, TimeSpan.FromSeconds(5), 161);
            live.Host = "192.0.2.10";
            var started = System.Diagnostics.Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<DriverException>(() => h.Factory.Create(live).ReadLineAsync(line, Ct));

            Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"refused without waiting for the agent ({started.Elapsed})");
            Assert.Equal(DriverFailure.Unreachable, error.Failure);
            Assert.Contains("SPEEDUP_BLOCK_LIVE_DEVICES=1", error.Message, StringComparison.Ordinal);
            Assert.Contains("192.0.2.10:161", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ZteSnmpDriverHarness.WriteCommunity, error.Message, StringComparison.Ordinal);
            Assert.Equal(line.Account, (await h.CreateDriver().ReadLineAsync(line, Ct)).Account);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public async Task FindLine_OwnAddress_ReturnsTheWholeRow()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var line = await h.CreateDriver().FindLineAsync(IPAddress.Parse("202.101.172.35"), 51413, Ct);

        Assert.Equal(
            new SubscriberLine(330100001, "zj0571a0001", IPAddress.Parse("202.101.172.35"), PortRange.All,
                new LineRates(4000, 50000), new LineCapability(20000, 200000, true)),
            line);
    }

    [Theory]
    [InlineData(0, 330100002)]
    [InlineData(1, 330100002)]
    [InlineData(1023, 330100002)]
    [InlineData(1024, 330100003)]
    [InlineData(2047, 330100003)]
    public async Task FindLine_Cgnat_PicksTheBlockHoldingThePort(int port, long bandId)
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var line = await h.CreateDriver().FindLineAsync(IPAddress.Parse("202.101.172.40"), port, Ct);

        Assert.Equal(bandId, line?.BandId);
    }

    [Theory]
    [InlineData("202.101.172.40", 2048)]
    [InlineData("202.101.172.36", 80)]
    [InlineData("10.0.0.1", 80)]
    [InlineData("255.255.255.255", 65535)]
    [InlineData("2001:db8::1", 80)]
    public async Task FindLine_NobodyHoldsIt_ReturnsNull(string ip, int port)
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        Assert.Null(await h.CreateDriver().FindLineAsync(IPAddress.Parse(ip), port, Ct));
    }

    [Fact]
    public async Task FindLine_BadPort_IsInvalidValue()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var error = await Assert.ThrowsAsync<DriverException>(() => h.CreateDriver().FindLineAsync(IPAddress.Loopback, 65536, Ct));
        Assert.Equal(DriverFailure.InvalidValue, error.Failure);
    }

    [Fact]
    public async Task ReadLine_ReturnsRatesAndCapability()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var line = await h.CreateDriver(ZteSnmpDriverHarness.ReadCommunity).ReadLineAsync(new LineReference(330100003, "zj0571a0003"), Ct);

        Assert.Equal(new PortRange(1024, 2047), line.Ports);
        Assert.False(line.Capability.SpeedUpPermitted);
    }

    [Theory]
    [InlineData(330100009, "zj0571a0009")]
    [InlineData(330100001, "someone-else")]
    public async Task ReadLine_UnknownOrReassigned_IsLineNotFound(long bandId, string account)
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var error = await Assert.ThrowsAsync<DriverException>(() => h.CreateDriver().ReadLineAsync(new LineReference(bandId, account), Ct));
        Assert.Equal(DriverFailure.LineNotFound, error.Failure);
    }

    [Theory]
    [InlineData(Direction.Up, 8000, 8000, 50000)]
    [InlineData(Direction.Down, 100000, 4000, 100000)]
    public async Task SetRate_WritesAndReturnsTheReadBack(Direction direction, long rate, long up, long down)
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var rates = await h.CreateDriver().SetRateAsync(new LineReference(330100001, "zj0571a0001"), direction, rate, Ct);

        Assert.Equal(new LineRates(up, down), rates);
        Assert.Equal((uint)up, h.Mib.Line(330100001).UpKbps);
        Assert.Equal((uint)down, h.Mib.Line(330100001).DownKbps);
    }

    [Theory]
    [InlineData(330100001, 63)]
    [InlineData(330100001, 10_000_001)]
    [InlineData(0, 8000)]
    [InlineData(2_147_483_648, 8000)]
    public async Task SetRate_InvalidValues_SendNothing(long bandId, long rate)
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            h.CreateDriver().SetRateAsync(new LineReference(bandId, "x"), Direction.Up, rate, Ct));

        Assert.Equal(DriverFailure.InvalidValue, error.Failure);
        Assert.Equal(0, h.Mib.SetCalls);
    }

    [Fact]
    public async Task SetRate_AboveCapability_IsRejected()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var error = await Assert.ThrowsAsync<DriverException>(() =>
            h.CreateDriver().SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Up, 20001, Ct));
        Assert.Equal(DriverFailure.Rejected, error.Failure);
        Assert.Contains("WrongValue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRate_UnknownLine_IsLineNotFound()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var error = await Assert.ThrowsAsync<DriverException>(() =>
            h.CreateDriver().SetRateAsync(new LineReference(330100099, "nobody"), Direction.Down, 8000, Ct));
        Assert.Equal(DriverFailure.LineNotFound, error.Failure);
    }

    [Fact]
    public async Task SetRate_WithTheReadCommunity_IsRejected()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var error = await Assert.ThrowsAsync<DriverException>(() =>
            h.CreateDriver(ZteSnmpDriverHarness.ReadCommunity).SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Up, 8000, Ct));
        Assert.Equal(DriverFailure.Rejected, error.Failure);
        Assert.Contains("NoAccess", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRate_DeviceIgnoresTheWrite_IsNotConfirmed()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        h.Mib.IgnoreRateSets = true;
        var error = await Assert.ThrowsAsync<DriverException>(() =>
            h.CreateDriver().SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Up, 8000, Ct));
        Assert.Equal(DriverFailure.NotConfirmed, error.Failure);
    }

    [Fact]
    public async Task WrongCommunity_TimesOut_AndNeverShowsTheCommunity()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();
        var driver = h.CreateDriver("wrong-s3cret", TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Ct));

        Assert.Equal(DriverFailure.Timeout, error.Failure);
        Assert.True(error.IsTransient);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentAgent_ProbeIsUnhealthy_AndOperationsTimeOut()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var factory = new ZteSnmpDriverFactory();
        var driver = factory.Create(ZteSnmpDriverHarness.Channel("x", TimeSpan.FromMilliseconds(300), ((IPEndPoint)silent.Client.LocalEndPoint!).Port));

        var health = await driver.ProbeAsync(Ct);
        var error = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 80, Ct));

        Assert.False(health.Healthy);
        Assert.Equal(DriverFailure.Timeout, error.Failure);
    }

    [Fact]
    public async Task CallerCancellation_IsNotADriverFailure()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var factory = new ZteSnmpDriverFactory();
        var driver = factory.Create(ZteSnmpDriverHarness.Channel("x", TimeSpan.FromSeconds(30), ((IPEndPoint)silent.Client.LocalEndPoint!).Port));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadLineAsync(new LineReference(330100001, "a"), cts.Token));
    }

    [Fact]
    public async Task Probe_ReportsSysName()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync();

        var health = await h.CreateDriver(ZteSnmpDriverHarness.ReadCommunity).ProbeAsync(Ct);

        Assert.True(health.Healthy, health.Detail);
        Assert.Contains("CU-BRAS-01", health.Detail, StringComparison.Ordinal);
    }
}
