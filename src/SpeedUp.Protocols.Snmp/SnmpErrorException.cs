namespace SpeedUp.Protocols.Snmp;

/// <summary>The agent answered with a non-zero error-status.</summary>
public sealed class SnmpErrorException : SnmpException
{
    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="status">The error-status.</param>
    /// <param name="errorIndex">The 1-based index of the offending binding, 0 when none.</param>
    public SnmpErrorException(SnmpErrorStatus status, int errorIndex)
        : base("The SNMP agent answered " + status + " (error-index " + errorIndex + ").")
    {
        Status = status;
        ErrorIndex = errorIndex;
    }

    /// <summary>Creates an exception without details (status genErr).</summary>
    public SnmpErrorException()
        : this(SnmpErrorStatus.GenErr, 0)
    {
    }

    /// <summary>Creates an exception with a message (status genErr).</summary>
    public SnmpErrorException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause (status genErr).</summary>
    public SnmpErrorException(string message, Exception? innerException)
        : base(message, innerException) => Status = SnmpErrorStatus.GenErr;

    /// <summary>The error-status of the response.</summary>
    public SnmpErrorStatus Status { get; }

    /// <summary>1-based index of the offending binding; 0 when the error concerns the whole request.</summary>
    public int ErrorIndex { get; }
}
