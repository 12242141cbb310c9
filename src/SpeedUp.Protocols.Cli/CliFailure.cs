namespace SpeedUp.Protocols.Cli;

/// <summary>Why a CLI session or command failed.</summary>
public enum CliFailure
{
    /// <summary>The device could not be reached (connection refused, no route).</summary>
    Unreachable,

    /// <summary>The device did not answer in time (connect, authentication or a command's prompt).</summary>
    Timeout,

    /// <summary>The device refused the credentials.</summary>
    AuthenticationFailed,

    /// <summary>The device's SSH host key does not match the pinned fingerprint, or no fingerprint is pinned.</summary>
    HostKeyMismatch,

    /// <summary>The session closed while it was in use, or was used after it closed.</summary>
    ConnectionLost,

    /// <summary>
    /// The device's output could not be understood: runaway output, or a prompt none of the dialect's patterns matches
    /// (a message starting <c>prompt not matched:</c>, see <see cref="CliChannelOptions.PromptMismatchAfter"/>).
    /// </summary>
    ProtocolError,

    /// <summary>Every pooled session stayed leased for the whole lease timeout; nothing was sent.</summary>
    SessionsBusy,
}
