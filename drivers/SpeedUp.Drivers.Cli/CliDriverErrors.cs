using SpeedUp.Drivers;

namespace SpeedUp.Drivers.Cli;

/// <summary>Maps CLI stack failures and device error lines to <see cref="DriverException"/>, for every CLI dialect.</summary>
public static class CliDriverErrors
{
    /// <summary>The driver failure of a CLI stack failure.</summary>
    public static DriverException FromCli(CliException exception, string channel) => new(
        exception.Failure switch
        {
            CliFailure.Unreachable or CliFailure.ConnectionLost => DriverFailure.Unreachable,
            CliFailure.Timeout => DriverFailure.Timeout,
            CliFailure.AuthenticationFailed => DriverFailure.AuthenticationFailed,
            CliFailure.HostKeyMismatch => DriverFailure.HostKeyMismatch,
            CliFailure.SessionsBusy => DriverFailure.Busy,
            _ => DriverFailure.ProtocolError,
        },
        $"Channel {channel}: {exception.Message}",
        exception);

    /// <summary>
    /// Throws when the device refused the command: <see cref="DriverFailure.LineNotFound"/> when its error line
    /// contains the dialect's <paramref name="unknownSubscriberMarker"/>, else <see cref="DriverFailure.Rejected"/>.
    /// </summary>
    public static void ThrowIfFailed(CliResponse response, string channel, string unknownSubscriberMarker)
    {
        if (response.ErrorLine is not { } errorLine)
        {
            return;
        }

        var failure = errorLine.Contains(unknownSubscriberMarker, StringComparison.OrdinalIgnoreCase)
            ? DriverFailure.LineNotFound
            : DriverFailure.Rejected;
        throw new DriverException(failure, $"Channel {channel}: the device refused '{response.Command}': {errorLine}");
    }
}
