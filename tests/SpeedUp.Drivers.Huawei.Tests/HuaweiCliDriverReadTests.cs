using System.Net;
using static SpeedUp.Drivers.Huawei.Tests.HuaweiDriverHarness;

namespace SpeedUp.Drivers.Huawei.Tests;

public sealed class HuaweiCliDriverReadTests
{
    [Fact]
    public async Task FindLine_OwnAddress_ParsesBlock()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var line = await driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 51234, Token);

        Assert.NotNull(line);
        Assert.Equal(330100001, line.BandId);
        Assert.Equal("zj0571a0001", line.Account);
        Assert.Equal(IPAddress.Parse("202.101.172.35"), line.IpAddress);
        Assert.Equal(PortRange.All, line.Ports);
        Assert.Equal(new LineRates(4000, 50000), line.Current);
        Assert.Equal(new LineCapability(20000, 200000, true), line.Capability);
        Assert.Equal(["screen-length 0 temporary", "display access-user ip-address 202.101.172.35"], device.Commands);
    }

    [Theory]
    [InlineData(100, 330100002L)]
    [InlineData(16383, 330100002L)]
    [InlineData(16384, 330100003L)]
    [InlineData(30000, 330100003L)]
    public async Task FindLine_CgnatAddress_PortPicksLine(int port, long bandId)
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var line = await driver.FindLineAsync(IPAddress.Parse("115.192.10.8"), port, Token);

        Assert.Equal(bandId, line?.BandId);
    }

    [Fact]
    public async Task FindLine_PortOutsideEveryBlock_Null()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        Assert.Null(await driver.FindLineAsync(IPAddress.Parse("115.192.10.8"), 40000, Token));
    }

    [Fact]
    public async Task FindLine_NoOnlineUser_Null()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        Assert.Null(await driver.FindLineAsync(IPAddress.Parse("1.2.3.4"), 80, Token));
    }

    [Fact]
    public async Task FindLine_Ipv4MappedAddress_LookedUpAsIpv4()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var line = await driver.FindLineAsync(IPAddress.Parse("::ffff:202.101.172.35"), 80, Token);

        Assert.Equal(330100001, line?.BandId);
    }

    [Theory]
    [InlineData("2001:db8::1", 80)]
    [InlineData("202.101.172.35", -1)]
    [InlineData("202.101.172.35", 65536)]
    public async Task FindLine_InvalidValue_NothingSent(string address, int port)
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse(address), port, Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Equal(0, device.Sessions);
    }

    [Fact]
    public async Task ReadLine_Known_ReturnsRates()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var line = await driver.ReadLineAsync(new LineReference(330100002, "zj0571a0002"), Token);

        Assert.Equal(new LineRates(8000, 100000), line.Current);
        Assert.Equal(new PortRange(0, 16383), line.Ports);
    }

    [Fact]
    public async Task ReadLine_UnknownAccount_LineNotFound()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(1, "nobody"), Token));

        Assert.Equal(DriverFailure.LineNotFound, exception.Failure);
    }

    [Fact]
    public async Task ReadLine_BandIdDiffers_LineNotFound()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(999, "zj0571a0001"), Token));

        Assert.Equal(DriverFailure.LineNotFound, exception.Failure);
        Assert.Contains("330100001", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_ReuseOneSession()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        await driver.ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Token);
        await driver.FindLineAsync(IPAddress.Parse("115.192.10.8"), 1, Token);
        await driver.SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Up, 8000, Token);

        Assert.Equal(1, device.Sessions);
        Assert.Single(device.Commands, c => c == "screen-length 0 temporary");
    }

    [Fact]
    public async Task Operations_Concurrent_SerializedOnOneSession()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var reads = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => driver.ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Token)))
            .ToList();
        var writes = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => driver.SetRateAsync(new LineReference(330100002, "zj0571a0002"), Direction.Down, 100000 + i, Token)))
            .ToList();

        var lines = await Task.WhenAll(reads);
        var rates = await Task.WhenAll(writes);

        Assert.Equal(1, device.Sessions);
        Assert.All(lines, line => Assert.Equal(330100001, line.BandId));
        Assert.All(rates, rate => Assert.InRange(rate.DownKbps, 100000, 100005));
    }

    [Fact]
    public async Task Probe_Healthy_ReportsPrompt()
    {
        await using var driver = Create(new FakeHuaweiDevice());

        var health = await driver.ProbeAsync(Token);

        Assert.True(health.Healthy, health.Detail);
        Assert.Contains("<CT-BRAS-01>", health.Detail, StringComparison.Ordinal);
    }
}
