namespace SpeedUp.Protocols.Radius;

/// <summary>No valid response came after every attempt.</summary>
public sealed class RadiusTimeoutException : RadiusException
{
    /// <summary>Creates an exception without a message.</summary>
    public RadiusTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RadiusTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public RadiusTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
