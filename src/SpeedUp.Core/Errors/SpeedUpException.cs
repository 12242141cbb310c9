namespace SpeedUp.Core.Errors;

/// <summary>
/// A failure the caller is told about, carrying one of the product's codes. <see cref="Exception.Message"/> is what a
/// customer may read: it never holds device details (addresses, ports, user names, host-key fingerprints, the device's
/// own output, channel names). Those go to <see cref="OperatorDetail"/>, which only logs, the session journal and the
/// operator's admin APIs show.
/// </summary>
public sealed class SpeedUpException : Exception
{
    /// <summary>Creates a product failure.</summary>
    public SpeedUpException(string code, FailureKind kind, string message, Exception? innerException = null)
        : this(code, kind, message, operatorDetail: null, innerException)
    {
    }

    /// <summary>Creates a product failure with details for operators only.</summary>
    public SpeedUpException(string code, FailureKind kind, string message, string? operatorDetail, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Kind = kind;
        OperatorDetail = operatorDetail;
    }

    /// <summary>The product error code, e.g. <c>isv.BAND_CHECK_EXPIRE</c>.</summary>
    public string Code { get; }

    /// <summary>The kind of failure.</summary>
    public FailureKind Kind { get; }

    /// <summary>What the equipment answered (may name devices, users, fingerprints, raw output): operators only. Null when none.</summary>
    public string? OperatorDetail { get; }

    /// <summary>The message with the operator detail, for logs, the journal and admin APIs — never for customers.</summary>
    public string Diagnostic => OperatorDetail is null ? Message : $"{Message} [{OperatorDetail}]";

    /// <summary>Bad input: <c>isv.INVALID_PARAMETERS</c>.</summary>
    public static SpeedUpException InvalidParameter(string message) =>
        new(ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument, message);
}
