namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// USM authentication protocols. HMAC-SHA-1-96 is RFC 3414 §7; the SHA-2 ones are RFC 7860 §4
/// (usmHMAC192SHA256AuthProtocol and so on). HMAC-SHA-224 (usmHMAC128SHA224AuthProtocol) is not
/// offered: .NET has no SHA-224. MD5 is not offered either.
/// </summary>
public enum UsmAuthProtocol
{
    /// <summary>No authentication (noAuthNoPriv only).</summary>
    None = 0,

    /// <summary>usmHMACSHAAuthProtocol: HMAC-SHA-1, MAC truncated to 12 octets (RFC 3414 §7). net-snmp <c>-a SHA</c>.</summary>
    HmacSha1 = 1,

    /// <summary>usmHMAC192SHA256AuthProtocol: HMAC-SHA-256, MAC truncated to 24 octets (RFC 7860). net-snmp <c>-a SHA-256</c>.</summary>
    HmacSha256 = 2,

    /// <summary>usmHMAC256SHA384AuthProtocol: HMAC-SHA-384, MAC truncated to 32 octets (RFC 7860). net-snmp <c>-a SHA-384</c>.</summary>
    HmacSha384 = 3,

    /// <summary>usmHMAC384SHA512AuthProtocol: HMAC-SHA-512, MAC truncated to 48 octets (RFC 7860). net-snmp <c>-a SHA-512</c>.</summary>
    HmacSha512 = 4,
}
