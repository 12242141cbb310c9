namespace SpeedUp.Protocols.Radius;

/// <summary>A request could not be sent (socket error, or the target policy refused it).</summary>
public sealed class RadiusTransportException : RadiusException
{
    /// <summary>Creates an exception without a message.</summary>
    public RadiusTransportException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RadiusTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public RadiusTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
