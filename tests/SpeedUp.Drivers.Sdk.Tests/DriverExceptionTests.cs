namespace SpeedUp.Drivers.Sdk.Tests;

/// <summary>How a failure is classified decides failover (channel fault), retry (transient) or a final answer.</summary>
public sealed class DriverExceptionTests
{
    [Theory]
    [InlineData(DriverFailure.Unreachable, true, true)]
    [InlineData(DriverFailure.Timeout, true, true)]
    [InlineData(DriverFailure.AuthenticationFailed, true, false)]
    [InlineData(DriverFailure.HostKeyMismatch, true, false)]
    [InlineData(DriverFailure.ProtocolError, true, false)]
    [InlineData(DriverFailure.Rejected, false, false)]
    [InlineData(DriverFailure.NotConfirmed, false, false)]
    [InlineData(DriverFailure.LineNotFound, false, false)]
    [InlineData(DriverFailure.InvalidValue, false, false)]
    [InlineData(DriverFailure.Busy, false, false)] // waiting for the equipment's sessions: moves on like a full channel, never a fault
    public void Failure_Classification_ChannelFaultAndTransient(DriverFailure failure, bool channelFault, bool transient)
    {
        var exception = new DriverException(failure, "x");

        Assert.Equal(channelFault, exception.IsChannelFault);
        Assert.Equal(transient, exception.IsTransient);
    }

    [Fact]
    public void Failure_EveryValue_IsClassified()
    {
        // A new failure kind must be added to the theory above (and thought about for failover).
        Assert.Equal(10, Enum.GetValues<DriverFailure>().Length);
    }
}
