using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>Maps CLI stack failures and ZXR10 <c>% …</c> error lines to <see cref="DriverException"/>.</summary>
internal static class ZteCliErrors
{
    public const string UnknownSubscriber = "% Unknown subscriber";

    public static DriverException FromCli(CliException exception, string channel) => new(
        exception.Failure switch
        {
            CliFailure.Unreachable or CliFailure.ConnectionLost => DriverFailure.Unreachable,
            CliFailure.Timeout => DriverFailure.Timeout,
            CliFailure.AuthenticationFailed => DriverFailure.AuthenticationFailed,
            CliFailure.HostKeyMismatch => DriverFailure.HostKeyMismatch,
            _ => DriverFailure.ProtocolError,
        },
        $"Channel {channel}: {exception.Message}",
        exception);

    /// <summary>Throws when the device refused the command: LineNotFound for an unknown subscriber, else Rejected.</summary>
    public static void ThrowIfFailed(CliResponse response, string channel)
    {
        if (response.ErrorLine is not { } errorLine)
        {
            return;
        }

        var failure = errorLine.Contains(UnknownSubscriber, StringComparison.OrdinalIgnoreCase)
            ? DriverFailure.LineNotFound
            : DriverFailure.Rejected;
        throw new DriverException(failure, $"Channel {channel}: the device refused '{response.Command}': {errorLine}");
    }
}
