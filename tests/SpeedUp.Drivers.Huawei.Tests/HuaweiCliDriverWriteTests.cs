using static SpeedUp.Drivers.Huawei.Tests.HuaweiDriverHarness;

namespace SpeedUp.Drivers.Huawei.Tests;

public sealed class HuaweiCliDriverWriteTests
{
    private static readonly LineReference Line1 = new(330100001, "zj0571a0001");

    [Theory]
    [InlineData(Direction.Up, "inbound")]
    [InlineData(Direction.Down, "outbound")]
    public async Task SetRate_Applied_ReadBackReturned(Direction direction, string keyword)
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var rates = await driver.SetRateAsync(Line1, direction, 12000, Token);

        Assert.Equal(12000, rates.Of(direction));
        Assert.Equal(12000, direction == Direction.Up ? device.Lines[0].Up : device.Lines[0].Down);
        Assert.Equal(
            [
                "screen-length 0 temporary",
                "display access-user user-name zj0571a0001",
                "system-view",
                "aaa",
                $"access-user user-name zj0571a0001 car {keyword} cir 12000",
                "return",
                "display access-user user-name zj0571a0001",
            ],
            device.Commands);
    }

    [Fact]
    public async Task SetRate_AboveCapability_RejectedWithDeviceLineAndBackInUserView()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line1, Direction.Up, 30000, Token));

        Assert.Equal(DriverFailure.Rejected, exception.Failure);
        Assert.Contains("Error: The CIR value is out of the line capability.", exception.Message, StringComparison.Ordinal);
        Assert.Equal("return", device.Commands[^1]);
        Assert.Equal(4000, device.Lines[0].Up);

        var rates = await driver.SetRateAsync(Line1, Direction.Up, 6000, Token);
        Assert.Equal(6000, rates.UpKbps);
    }

    [Fact]
    public async Task SetRate_UserVanishedBetweenReadAndWrite_LineNotFound()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);
        await driver.ReadLineAsync(Line1, Token);
        device.Lines.RemoveAt(0);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line1, Direction.Up, 8000, Token));

        Assert.Equal(DriverFailure.LineNotFound, exception.Failure);
    }

    [Fact]
    public async Task SetRate_DeviceIgnoresWrite_NotConfirmed()
    {
        var device = new FakeHuaweiDevice { IgnoreCarWrites = true };
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line1, Direction.Down, 100000, Token));

        Assert.Equal(DriverFailure.NotConfirmed, exception.Failure);
        Assert.Contains("100000", exception.Message, StringComparison.Ordinal);
        Assert.Contains("50000", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zj0571a0001\nreboot")]
    [InlineData("zj0571a0001\rreboot")]
    [InlineData("zj0571a0001\n")]
    [InlineData("a;b")]
    [InlineData("a b")]
    [InlineData("用户001")]
    [InlineData("zj0571a0001\u0000")]
    [InlineData("")]
    [InlineData("a|b")]
    [InlineData("ａbc")]
    public async Task SetRate_InjectionAttempt_InvalidValueNothingSent(string account)
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(new LineReference(330100001, account), Direction.Up, 8000, Token));
        var read = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(330100001, account), Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Equal(DriverFailure.InvalidValue, read.Failure);
        Assert.Equal(0, device.Sessions);
        Assert.Empty(device.Commands);
    }

    [Fact]
    public async Task SetRate_AccountOf65Characters_InvalidValue()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(new LineReference(1, new string('a', 65)), Direction.Up, 8000, Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Equal(0, device.Sessions);
    }

    [Theory]
    [InlineData(63L)]
    [InlineData(0L)]
    [InlineData(-64L)]
    [InlineData(10_000_001L)]
    public async Task SetRate_RateOutOfRange_InvalidValueNothingSent(long kbps)
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line1, Direction.Down, kbps, Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Equal(0, device.Sessions);
    }

    [Fact]
    public async Task SetRate_UnknownDirection_InvalidValue()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(device);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line1, (Direction)7, 8000, Token));

        Assert.Equal(DriverFailure.InvalidValue, exception.Failure);
        Assert.Empty(device.Commands);
    }
}
