namespace SpeedUp.Protocols.Radius;

/// <summary>The base of the exceptions this stack throws.</summary>
public class RadiusException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public RadiusException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RadiusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public RadiusException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
