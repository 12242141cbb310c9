namespace SpeedUp.Drivers;

/// <summary>Why a driver operation failed. Lets callers decide between retry, failover and a business error.</summary>
public enum DriverFailure
{
    /// <summary>The equipment could not be reached (connection refused, no answer).</summary>
    Unreachable,

    /// <summary>The equipment did not answer within the operation's timeout.</summary>
    Timeout,

    /// <summary>Credentials were refused.</summary>
    AuthenticationFailed,

    /// <summary>The equipment's SSH host key does not match the pinned fingerprint.</summary>
    HostKeyMismatch,

    /// <summary>The equipment refused the command or value (CLI error line, SNMP error status).</summary>
    Rejected,

    /// <summary>The write was accepted but the read-back shows another value.</summary>
    NotConfirmed,

    /// <summary>The equipment's answer could not be understood.</summary>
    ProtocolError,

    /// <summary>The line referred to does not exist on this equipment.</summary>
    LineNotFound,

    /// <summary>A value that would reach the device is not valid for its grammar; nothing was sent.</summary>
    InvalidValue,

    /// <summary>
    /// Every session to the equipment stayed in use for as long as the operation could wait; nothing was sent. Not a
    /// fault of the channel (it is working, for others): the scheduler moves on as from a full channel.
    /// </summary>
    Busy,
}
