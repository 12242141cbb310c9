namespace SpeedUp.Signing;

/// <summary>The gRPC request headers of a signed call (lower case, as gRPC metadata keys are).</summary>
public static class SignatureHeaders
{
    /// <summary>The AccessKeyId that signed the call.</summary>
    public const string AccessKeyId = "x-speedup-access-key-id";

    /// <summary>When the call was signed: Unix time in whole seconds (UTC), decimal.</summary>
    public const string Timestamp = "x-speedup-timestamp";

    /// <summary>A value never used before by this key: 16..64 of <c>[A-Za-z0-9_-]</c>.</summary>
    public const string Nonce = "x-speedup-nonce";

    /// <summary>Lower-case hex HMAC-SHA256 of the string to sign (<see cref="RequestSignature.StringToSign"/>).</summary>
    public const string Signature = "x-speedup-signature";
}
