namespace SpeedUp.Protocols.Snmp;

/// <summary>A datagram is not a well-formed SNMP message, or exceeds the decoder's limits.</summary>
public sealed class SnmpDecodingException : SnmpException
{
    /// <summary>Creates an exception without a message.</summary>
    public SnmpDecodingException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnmpDecodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnmpDecodingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
