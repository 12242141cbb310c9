namespace SpeedUp.Protocols.Snmp;

/// <summary>Base of the exceptions the SNMP stack throws.</summary>
public class SnmpException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public SnmpException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public SnmpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public SnmpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
