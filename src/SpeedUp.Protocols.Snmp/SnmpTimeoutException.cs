namespace SpeedUp.Protocols.Snmp;

/// <summary>No response arrived after every attempt (agent down, wrong community, or packets lost).</summary>
public sealed class SnmpTimeoutException : SnmpException
{
    /// <summary>Creates an exception without a message.</summary>
    public SnmpTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnmpTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnmpTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
