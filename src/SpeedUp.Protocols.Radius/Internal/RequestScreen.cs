using System.Buffers.Binary;
using System.Net;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>What the server does with a datagram.</summary>
internal readonly record struct ScreenResult(
    RadiusDropReason? Drop, DuplicateState State, RadiusPacket? Packet, RadiusSharedSecret? Secret, DuplicateKey Key, byte[]? CachedAnswer);

/// <summary>
/// The server's checks before any handler runs, in order: known client (by source address), well-formed, a code the
/// server serves (CoA-Request, Disconnect-Request), Request Authenticator and Message-Authenticator (RFC 5176 §3,
/// RFC 3579 §3.2), then duplicate detection.
/// </summary>
internal sealed class RequestScreen(
    IReadOnlyDictionary<IPAddress, RadiusSharedSecret> secrets, IRadiusVendorFormats? formats, bool requireMessageAuthenticator,
    DuplicateRequestCache duplicates)
{
    public ScreenResult Screen(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        if (!secrets.TryGetValue(address, out var secret))
        {
            return Dropped(RadiusDropReason.UnknownClient);
        }

        if (!RadiusPacketCodec.TryDecode(datagram, formats, out var packet, out _))
        {
            return Dropped(RadiusDropReason.Malformed);
        }

        if (packet!.Code is not (RadiusCode.CoaRequest or RadiusCode.DisconnectRequest))
        {
            return Dropped(RadiusDropReason.UnexpectedCode);
        }

        switch (RadiusAuthenticator.VerifyRequest(datagram, secret, requireMessageAuthenticator))
        {
            case RadiusVerification.Valid:
                break;
            case RadiusVerification.MissingMessageAuthenticator:
                return Dropped(RadiusDropReason.MissingMessageAuthenticator);
            default:
                return Dropped(RadiusDropReason.BadAuthenticator);
        }

        var key = new DuplicateKey(source, packet.Identifier, BinaryPrimitives.ReadUInt128BigEndian(packet.Authenticator.Span));
        var state = duplicates.Begin(key, out var answer);
        return new ScreenResult(null, state, packet, secret, key, answer);
    }

    private static ScreenResult Dropped(RadiusDropReason reason) => new(reason, DuplicateState.New, null, null, default, null);
}
