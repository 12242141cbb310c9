namespace SpeedUp.Protocols.Snmp;

/// <summary>The request could not be sent (no route, socket error). The inner exception holds the cause.</summary>
public sealed class SnmpTransportException : SnmpException
{
    /// <summary>Creates an exception without a message.</summary>
    public SnmpTransportException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnmpTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnmpTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
