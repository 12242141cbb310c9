using System.Net.Sockets;
using Renci.SshNet.Common;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>Translates SSH.NET and socket errors of a connect into <see cref="CliException"/> naming the likely cause.</summary>
internal static class SshFailures
{
    /// <summary>The translated exception, or null when <paramref name="exception"/> should propagate as is (caller cancelled).</summary>
    public static CliException? Translate(Exception exception, SshTransportOptions options, string? hostKeyRefusal, CancellationToken callerToken)
    {
        var target = $"{options.Host}:{options.Port}";
        if (hostKeyRefusal is not null)
        {
            return new CliException(CliFailure.HostKeyMismatch, hostKeyRefusal, exception);
        }

        return exception switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException or SshOperationTimeoutException => new CliException(
                CliFailure.Timeout,
                $"SSH connect to {target} did not complete within {options.ConnectTimeout.TotalSeconds:0.###} s (device slow, overloaded or filtered).",
                exception),
            SshAuthenticationException => new CliException(
                CliFailure.AuthenticationFailed,
                $"The device at {target} refused the login of user '{options.Username}' (wrong user name or password, or password authentication disabled).",
                exception),
            SocketException { SocketErrorCode: SocketError.TimedOut } => new CliException(
                CliFailure.Timeout,
                $"TCP connect to {target} timed out (device down or filtered).",
                exception),
            SocketException socket => new CliException(
                CliFailure.Unreachable,
                $"Cannot reach {target}: {socket.SocketErrorCode} (nothing listening, wrong address or port, or no route).",
                exception),
            SshConnectionException => new CliException(
                CliFailure.Unreachable,
                $"The device at {target} closed the connection during SSH negotiation: {exception.Message}",
                exception),
            SshException or IOException => new CliException(
                CliFailure.Unreachable,
                $"SSH to {target} failed: {exception.Message}",
                exception),
            _ => null,
        };
    }
}
