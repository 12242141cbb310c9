namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// A decoded SNMPv3 message (RFC 3412 §6): msgGlobalData, the USM security parameters, and either the
/// plaintext ScopedPDU or the encrypted one. <see cref="AuthParametersOffset"/> locates the MAC in the
/// datagram (RFC 3414 §3.2 step 6 verifies it over the datagram with those octets zeroed).
/// </summary>
internal sealed record V3Message(
    int MessageId,
    int MaxSize,
    V3MessageFlags Flags,
    UsmSecurityParameters Security,
    int AuthParametersOffset,
    ScopedPdu? ScopedPdu,
    byte[]? EncryptedPdu)
{
    public bool IsAuthenticated => (Flags & V3MessageFlags.Auth) != 0;

    public bool IsEncrypted => (Flags & V3MessageFlags.Priv) != 0;

    public bool IsReportable => (Flags & V3MessageFlags.Reportable) != 0;

    /// <summary>The securityLevel the flags ask for (RFC 3412 §6.4).</summary>
    public SnmpSecurityLevel Level => IsEncrypted ? SnmpSecurityLevel.AuthPriv
        : IsAuthenticated ? SnmpSecurityLevel.AuthNoPriv : SnmpSecurityLevel.NoAuthNoPriv;

    /// <summary>The msgFlags of a message at <paramref name="level"/>.</summary>
    public static V3MessageFlags FlagsFor(SnmpSecurityLevel level, bool reportable) =>
        (level switch
        {
            SnmpSecurityLevel.AuthPriv => V3MessageFlags.Auth | V3MessageFlags.Priv,
            SnmpSecurityLevel.AuthNoPriv => V3MessageFlags.Auth,
            _ => V3MessageFlags.None,
        }) | (reportable ? V3MessageFlags.Reportable : V3MessageFlags.None);
}
