using SpeedUp.Drivers;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Cli.Tests;

/// <summary>How CLI stack failures read to the scheduler: only faults of the channel count against its circuit.</summary>
public sealed class CliDriverErrorsTests
{
    [Theory]
    [InlineData(CliFailure.Unreachable, DriverFailure.Unreachable, true)]
    [InlineData(CliFailure.ConnectionLost, DriverFailure.Unreachable, true)]
    [InlineData(CliFailure.Timeout, DriverFailure.Timeout, true)]
    [InlineData(CliFailure.AuthenticationFailed, DriverFailure.AuthenticationFailed, true)]
    [InlineData(CliFailure.HostKeyMismatch, DriverFailure.HostKeyMismatch, true)]
    [InlineData(CliFailure.ProtocolError, DriverFailure.ProtocolError, true)]
    [InlineData(CliFailure.SessionsBusy, DriverFailure.Busy, false)] // waiting for a pooled session is not a fault of the device
    public void FromCli_MapsEachFailure(CliFailure cli, DriverFailure expected, bool channelFault)
    {
        var mapped = CliDriverErrors.FromCli(new CliException(cli, "x"), "ct-ssh");

        Assert.Equal((expected, channelFault), (mapped.Failure, mapped.IsChannelFault));
    }
}
