using System.Security.Cryptography;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// The authenticators of encoded packets: the Request Authenticator of Accounting (RFC 2866 §3), CoA and Disconnect
/// requests (RFC 5176 §3: MD5 of Code, Identifier, Length, 16 zero octets, Attributes, Secret), the Response
/// Authenticator (RFC 2865 §3: MD5 of Code, Identifier, Length, Request Authenticator, Attributes, Secret), and the
/// Message-Authenticator (RFC 3579 §3.2: HMAC-MD5 keyed with the secret over the packet with that attribute zeroed).
/// Works on wire octets so that verification never depends on re-encoding.
/// </summary>
/// <remarks>MD5 and HMAC-MD5 are what the RFCs mandate; they are not offered for anything else.</remarks>
#pragma warning disable CA5351 // RFC 2865/3579/5176 mandate MD5 and HMAC-MD5.
public static class RadiusAuthenticator
{
    /// <summary>
    /// Signs an encoded request in place. For Accounting, CoA and Disconnect requests the authenticator field is zeroed,
    /// the Message-Authenticator (if the packet has one) computed over that, then the Request Authenticator over the
    /// result. For Access-Request and Status-Server the authenticator field must already hold random octets; only the
    /// Message-Authenticator is computed.
    /// </summary>
    public static void SignRequest(Span<byte> packet, RadiusSharedSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var length = CheckedLength(packet);
        packet = packet[..length];
        var code = (RadiusCode)packet[0];
        var digest = RadiusCodes.HasDigestRequestAuthenticator(code);
        if (digest)
        {
            packet.Slice(4, RadiusLimits.AuthenticatorLength).Clear();
        }

        WriteMessageAuthenticator(packet, secret);
        if (digest)
        {
            Md5Over(packet, packet.Slice(4, RadiusLimits.AuthenticatorLength), secret, packet.Slice(4, RadiusLimits.AuthenticatorLength));
        }
    }

    /// <summary>
    /// Signs an encoded response in place: the Message-Authenticator (if present) over the packet holding the request's
    /// authenticator, then the Response Authenticator.
    /// </summary>
    public static void SignResponse(Span<byte> packet, ReadOnlySpan<byte> requestAuthenticator, RadiusSharedSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        CheckAuthenticator(requestAuthenticator);
        packet = packet[..CheckedLength(packet)];
        var field = packet.Slice(4, RadiusLimits.AuthenticatorLength);
        requestAuthenticator.CopyTo(field);
        WriteMessageAuthenticator(packet, secret);
        Md5Over(packet, requestAuthenticator, secret, field);
    }

    /// <summary>Checks a received request: its Request Authenticator (digest codes only) and any Message-Authenticator.</summary>
    public static RadiusVerification VerifyRequest(ReadOnlySpan<byte> packet, RadiusSharedSecret secret, bool requireMessageAuthenticator = false)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (RadiusPacketCodec.TryReadLength(packet, out var length) != RadiusDecodeError.None)
        {
            return RadiusVerification.Malformed;
        }

        packet = packet[..length];
        var code = (RadiusCode)packet[0];
        Span<byte> expected = stackalloc byte[RadiusLimits.AuthenticatorLength];
        if (RadiusCodes.HasDigestRequestAuthenticator(code))
        {
            Md5Over(packet, stackalloc byte[RadiusLimits.AuthenticatorLength], secret, expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, packet.Slice(4, RadiusLimits.AuthenticatorLength)))
            {
                return RadiusVerification.BadAuthenticator;
            }
        }

        var fieldForHmac = RadiusCodes.HasDigestRequestAuthenticator(code)
            ? stackalloc byte[RadiusLimits.AuthenticatorLength]
            : packet.Slice(4, RadiusLimits.AuthenticatorLength);
        return VerifyMessageAuthenticator(packet, fieldForHmac, secret, requireMessageAuthenticator);
    }

    /// <summary>Checks a received response against the authenticator of the request it answers.</summary>
    public static RadiusVerification VerifyResponse(
        ReadOnlySpan<byte> packet, ReadOnlySpan<byte> requestAuthenticator, RadiusSharedSecret secret, bool requireMessageAuthenticator = false)
    {
        ArgumentNullException.ThrowIfNull(secret);
        CheckAuthenticator(requestAuthenticator);
        if (RadiusPacketCodec.TryReadLength(packet, out var length) != RadiusDecodeError.None)
        {
            return RadiusVerification.Malformed;
        }

        packet = packet[..length];
        Span<byte> expected = stackalloc byte[RadiusLimits.AuthenticatorLength];
        Md5Over(packet, requestAuthenticator, secret, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(4, RadiusLimits.AuthenticatorLength))
            ? VerifyMessageAuthenticator(packet, requestAuthenticator, secret, requireMessageAuthenticator)
            : RadiusVerification.BadAuthenticator;
    }

    /// <summary>MD5(Code | Identifier | Length | <paramref name="authenticatorField"/> | Attributes | Secret).</summary>
    private static void Md5Over(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> authenticatorField, RadiusSharedSecret secret, Span<byte> destination)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(packet[..4]);
        md5.AppendData(authenticatorField);
        md5.AppendData(packet[RadiusLimits.HeaderLength..]);
        md5.AppendData(secret.Octets);
        Span<byte> hash = stackalloc byte[RadiusLimits.AuthenticatorLength];
        md5.GetHashAndReset(hash);
        hash.CopyTo(destination);
    }

    private static void WriteMessageAuthenticator(Span<byte> packet, RadiusSharedSecret secret)
    {
        var offset = MessageAuthenticatorOffset(packet);
        if (offset < 0)
        {
            return;
        }

        var value = packet.Slice(offset, RadiusLimits.AuthenticatorLength);
        value.Clear();
        HMACMD5.HashData(secret.Octets, packet, value);
    }

    private static RadiusVerification VerifyMessageAuthenticator(
        ReadOnlySpan<byte> packet, ReadOnlySpan<byte> authenticatorField, RadiusSharedSecret secret, bool required)
    {
        var offset = MessageAuthenticatorOffset(packet);
        if (offset == -1)
        {
            return required ? RadiusVerification.MissingMessageAuthenticator : RadiusVerification.Valid;
        }

        if (offset < 0)
        {
            return RadiusVerification.BadMessageAuthenticator;
        }

        var copy = packet.ToArray();
        authenticatorField.CopyTo(copy.AsSpan(4));
        copy.AsSpan(offset, RadiusLimits.AuthenticatorLength).Clear();
        Span<byte> expected = stackalloc byte[RadiusLimits.AuthenticatorLength];
        HMACMD5.HashData(secret.Octets, copy, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(offset, RadiusLimits.AuthenticatorLength))
            ? RadiusVerification.Valid
            : RadiusVerification.BadMessageAuthenticator;
    }

    /// <summary>
    /// Where the value of the Message-Authenticator starts: -1 when there is none, -2 when it is malformed (not 16
    /// octets, or more than one, RFC 3579 §3.2), or the attributes do not parse.
    /// </summary>
    internal static int MessageAuthenticatorOffset(ReadOnlySpan<byte> packet)
    {
        var found = -1;
        var at = RadiusLimits.HeaderLength;
        while (at < packet.Length)
        {
            if (packet.Length - at < 2 || packet[at + 1] < 2 || packet[at + 1] > packet.Length - at)
            {
                return -2;
            }

            if (packet[at] == RadiusAttributeTypes.MessageAuthenticator)
            {
                if (found != -1 || packet[at + 1] != 2 + RadiusLimits.AuthenticatorLength)
                {
                    return -2;
                }

                found = at + 2;
            }

            at += packet[at + 1];
        }

        return found;
    }

    private static int CheckedLength(ReadOnlySpan<byte> packet) =>
        RadiusPacketCodec.TryReadLength(packet, out var length) == RadiusDecodeError.None
            ? length
            : throw new ArgumentException("Not an encoded RADIUS packet.", nameof(packet));

    private static void CheckAuthenticator(ReadOnlySpan<byte> requestAuthenticator)
    {
        if (requestAuthenticator.Length != RadiusLimits.AuthenticatorLength)
        {
            throw new ArgumentException("A request authenticator is 16 octets.", nameof(requestAuthenticator));
        }
    }
}
#pragma warning restore CA5351
