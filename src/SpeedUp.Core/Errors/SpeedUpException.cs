namespace SpeedUp.Core.Errors;

/// <summary>A failure the caller is told about, carrying one of the product's codes.</summary>
public sealed class SpeedUpException : Exception
{
    /// <summary>Creates a product failure.</summary>
    public SpeedUpException(string code, FailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Kind = kind;
    }

    /// <summary>The product error code, e.g. <c>isv.BAND_CHECK_EXPIRE</c>.</summary>
    public string Code { get; }

    /// <summary>The kind of failure.</summary>
    public FailureKind Kind { get; }

    /// <summary>Bad input: <c>isv.INVALID_PARAMETERS</c>.</summary>
    public static SpeedUpException InvalidParameter(string message) =>
        new(ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument, message);
}
