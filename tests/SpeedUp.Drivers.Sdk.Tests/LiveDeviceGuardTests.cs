namespace SpeedUp.Drivers.Sdk.Tests;

/// <summary>CI's block on live equipment: loopback only while it is on, nothing blocked while it is off.</summary>
public sealed class LiveDeviceGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.10.20.30", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("192.0.2.10", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("bras.example.net", false)]
    [InlineData("localhost.example.net", false)]
    [InlineData("", false)]
    public void RefusalFor_BlockOn_AllowsOnlyLoopback(string host, bool allowed)
    {
        var refusal = LiveDeviceGuard.RefusalFor(host, 22, "1");

        Assert.Equal(allowed, refusal is null);
        if (refusal is not null)
        {
            Assert.Contains($"refusing to connect to {host}:22", refusal, StringComparison.Ordinal);
        }

        Assert.Null(LiveDeviceGuard.RefusalFor(host, 22, null));
        Assert.Null(LiveDeviceGuard.RefusalFor(host, 22, "0"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData(" Yes ")]
    [InlineData("ON")]
    public void RefusalFor_EveryOnSpelling_Blocks(string setting)
    {
        Assert.NotNull(LiveDeviceGuard.RefusalFor("192.0.2.10", 161, setting));
    }

    [Fact]
    public void RefusalFor_NamesTheVariableAndTheWayOut()
    {
        var refusal = LiveDeviceGuard.RefusalFor("192.0.2.10", 161, "1")!;

        Assert.Contains("SPEEDUP_BLOCK_LIVE_DEVICES=1", refusal, StringComparison.Ordinal);
        Assert.Contains("192.0.2.10:161", refusal, StringComparison.Ordinal);
        Assert.Contains("replay fixture", refusal, StringComparison.Ordinal);
    }
}
