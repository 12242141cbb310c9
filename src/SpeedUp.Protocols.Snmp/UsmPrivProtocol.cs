namespace SpeedUp.Protocols.Snmp;

/// <summary>USM privacy (encryption) protocols. Privacy always needs an authentication protocol.</summary>
public enum UsmPrivProtocol
{
    /// <summary>No encryption.</summary>
    None = 0,

    /// <summary>usmAesCfb128Protocol: AES-128 in CFB-128 mode (RFC 3826). net-snmp <c>-x AES</c>.</summary>
    Aes128 = 1,

    /// <summary>usmDESPrivProtocol: DES-CBC (RFC 3414 §8). Weak; for old equipment only. net-snmp <c>-x DES</c>.</summary>
    Des = 2,
}
