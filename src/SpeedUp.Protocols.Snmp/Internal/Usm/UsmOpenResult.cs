namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>The outcome of checking and decrypting an incoming message (RFC 3414 §3.2 steps 6 and 8).</summary>
internal enum UsmOpenResult
{
    Ok,
    WrongDigest,
    DecryptionError,
    ParseError,
}
