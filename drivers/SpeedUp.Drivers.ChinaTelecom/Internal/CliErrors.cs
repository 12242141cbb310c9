using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>Maps CLI stack failures and device error lines to <see cref="DriverException"/>.</summary>
internal static class CliErrors
{
    public const string UserDoesNotExist = "The user does not exist";

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

    /// <summary>Throws when the device refused the command: LineNotFound for an unknown user, else Rejected.</summary>
    public static void ThrowIfFailed(CliResponse response, string channel)
    {
        if (response.ErrorLine is not { } errorLine)
        {
            return;
        }

        var failure = errorLine.Contains(UserDoesNotExist, StringComparison.OrdinalIgnoreCase)
            ? DriverFailure.LineNotFound
            : DriverFailure.Rejected;
        throw new DriverException(failure, $"Channel {channel}: the device refused '{response.Command}': {errorLine}");
    }
}
