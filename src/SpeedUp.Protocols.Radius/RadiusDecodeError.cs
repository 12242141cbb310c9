namespace SpeedUp.Protocols.Radius;

/// <summary>Why <see cref="RadiusPacketCodec.TryDecode"/> refused a datagram (RFC 2865 §3 and §5).</summary>
public enum RadiusDecodeError
{
    /// <summary>Decoded.</summary>
    None = 0,

    /// <summary>Fewer than 20 octets, or fewer than the Length field says.</summary>
    Truncated,

    /// <summary>The Length field is below 20 or above 4096.</summary>
    InvalidLength,

    /// <summary>An attribute's length is below 2 or runs past the packet's Length.</summary>
    InvalidAttributeLength,

    /// <summary>An attribute's type is 0 (reserved).</summary>
    InvalidAttributeType,
}
