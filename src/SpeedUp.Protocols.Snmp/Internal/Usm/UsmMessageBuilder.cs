namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// Builds and opens USM-secured messages: RFC 3414 §3.1 (generateRequestMsg / generateResponseMsg: encrypt
/// the ScopedPDU, fill the security parameters, compute the MAC over the whole message) and §3.2 steps 6
/// and 8 (verify the MAC, decrypt). Finding users, engines and time windows is the caller's business.
/// </summary>
internal static class UsmMessageBuilder
{
    /// <summary>Encodes a message at <paramref name="level"/>; <paramref name="keys"/> may be null for noAuthNoPriv.</summary>
    public static byte[] Build(
        int messageId, int maxSize, SnmpSecurityLevel level, bool reportable, byte[] engineId, int boots, int time,
        byte[] userName, UsmLocalizedKeys? keys, ScopedPdu scoped)
    {
        var plaintext = ScopedPduCodec.Encode(scoped);
        return BuildFromEncoded(messageId, maxSize, level, reportable, engineId, boots, time, userName, keys, plaintext);
    }

    /// <summary>As <see cref="Build"/>, around an already encoded ScopedPDU (tests feed hostile ones here).</summary>
    public static byte[] BuildFromEncoded(
        int messageId, int maxSize, SnmpSecurityLevel level, bool reportable, byte[] engineId, int boots, int time,
        byte[] userName, UsmLocalizedKeys? keys, byte[] plaintext)
    {
        var data = plaintext;
        byte[] privParameters = [];
        if (level == SnmpSecurityLevel.AuthPriv)
        {
            data = UsmPrivacy.Encrypt(Require(keys), boots, time, plaintext, out privParameters);
        }

        var authLength = level == SnmpSecurityLevel.NoAuthNoPriv ? 0 : UsmAuthentication.MacLength(Require(keys).AuthProtocol);
        var security = new UsmSecurityParameters(engineId, boots, time, userName, new byte[authLength], privParameters);
        var flags = V3Message.FlagsFor(level, reportable);
        var message = V3MessageCodec.Encode(messageId, maxSize, flags, security, data, out var authOffset);
        if (authLength > 0)
        {
            UsmAuthentication.Sign(keys!.AuthProtocol, keys.AuthKey, message, authOffset);
        }

        return message;
    }

    /// <summary>Verifies the MAC (when the flags say Auth) and decrypts (when they say Priv).</summary>
    public static UsmOpenResult Open(V3Message message, ReadOnlySpan<byte> datagram, UsmLocalizedKeys? keys, out ScopedPdu? scoped)
    {
        scoped = null;
        return Authenticate(message, datagram, keys) ? Decrypt(message, keys, out scoped) : UsmOpenResult.WrongDigest;
    }

    /// <summary>RFC 3414 §3.2 step 6: true when the message is not authenticated or its MAC is right.</summary>
    public static bool Authenticate(V3Message message, ReadOnlySpan<byte> datagram, UsmLocalizedKeys? keys) =>
        !message.IsAuthenticated
        || (keys is not null && keys.AuthProtocol != UsmAuthProtocol.None
            && UsmAuthentication.Verify(keys.AuthProtocol, keys.AuthKey, datagram, message.AuthParametersOffset, message.Security.AuthParameters));

    /// <summary>RFC 3414 §3.2 step 8: the plaintext ScopedPDU, decrypted when the message is encrypted.</summary>
    public static UsmOpenResult Decrypt(V3Message message, UsmLocalizedKeys? keys, out ScopedPdu? scoped)
    {
        scoped = message.ScopedPdu;
        if (!message.IsEncrypted)
        {
            return scoped is null ? UsmOpenResult.ParseError : UsmOpenResult.Ok;
        }

        var security = message.Security;
        if (keys is null || message.EncryptedPdu is null
            || !UsmPrivacy.TryDecrypt(keys, security.EngineBoots, security.EngineTime, security.PrivParameters, message.EncryptedPdu, out var plaintext))
        {
            return UsmOpenResult.DecryptionError;
        }

        try
        {
            // DES-CBC pads to whole blocks (RFC 3414 §8.1.1.3); pysnmp 4.4 also zero-pads AES-CFB plaintext to
            // 16 octets. net-snmp ignores what follows the ScopedPDU, and so do we.
            scoped = ScopedPduCodec.Decode(plaintext, allowTrailing: true);
            return UsmOpenResult.Ok;
        }
        catch (SnmpDecodingException)
        {
            return UsmOpenResult.ParseError;
        }
    }

    private static UsmLocalizedKeys Require(UsmLocalizedKeys? keys) =>
        keys ?? throw new InvalidOperationException("Authentication needs a user with keys.");
}
