namespace SpeedUp.Drivers.Sdk.Tests;

public sealed class LineValuesTests
{
    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    [InlineData(4095, true)]
    [InlineData(4096, false)]
    public void PortRange_Contains_IsInclusiveAtBothEnds(int port, bool contained)
    {
        Assert.Equal(contained, new PortRange(1024, 4095).Contains(port));
    }

    [Fact]
    public void PortRange_All_HoldsEveryPort()
    {
        Assert.True(PortRange.All.Contains(0));
        Assert.True(PortRange.All.Contains(65535));
    }

    [Fact]
    public void RatesAndCapability_Of_PickTheDirection()
    {
        var rates = new LineRates(4000, 50000);
        var capability = new LineCapability(20000, 200000, true);

        Assert.Equal((4000L, 50000L), (rates.Of(Direction.Up), rates.Of(Direction.Down)));
        Assert.Equal((20000L, 200000L), (capability.MaxOf(Direction.Up), capability.MaxOf(Direction.Down)));
    }
}
