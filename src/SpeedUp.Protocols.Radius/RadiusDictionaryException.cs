namespace SpeedUp.Protocols.Radius;

/// <summary>A dictionary file is missing or malformed; the message names the file and line.</summary>
public sealed class RadiusDictionaryException : RadiusException
{
    /// <summary>Creates an exception without a message.</summary>
    public RadiusDictionaryException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RadiusDictionaryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public RadiusDictionaryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
