namespace SpeedUp.Drivers;

/// <summary>The one exception type drivers throw. Messages name the likely cause and never contain secrets.</summary>
public sealed class DriverException : Exception
{
    /// <summary>Creates a driver failure.</summary>
    public DriverException(DriverFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Why it failed.</summary>
    public DriverFailure Failure { get; }

    /// <summary>Whether the failure is of the transport (the request may be tried again or elsewhere).</summary>
    public bool IsTransient => Failure is DriverFailure.Unreachable or DriverFailure.Timeout;

    /// <summary>
    /// Whether the failure says something about the channel (transport, credentials, host key, unreadable answers)
    /// rather than about the line or the value: another channel reaching the same equipment may succeed.
    /// </summary>
    public bool IsChannelFault => Failure is DriverFailure.Unreachable or DriverFailure.Timeout
        or DriverFailure.AuthenticationFailed or DriverFailure.HostKeyMismatch or DriverFailure.ProtocolError;
}
