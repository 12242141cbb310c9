namespace SpeedUp.Protocols.Radius;

/// <summary>A RADIUS packet (RFC 2865 §3): code, identifier, 16-octet authenticator and attributes in order.</summary>
public sealed class RadiusPacket
{
    private readonly byte[] _authenticator;

    /// <summary>Creates a packet; <paramref name="authenticator"/> must be 16 octets.</summary>
    public RadiusPacket(RadiusCode code, byte identifier, ReadOnlySpan<byte> authenticator, IReadOnlyList<RadiusAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (authenticator.Length != RadiusLimits.AuthenticatorLength)
        {
            throw new ArgumentException("The authenticator is 16 octets.", nameof(authenticator));
        }

        Code = code;
        Identifier = identifier;
        _authenticator = authenticator.ToArray();
        Attributes = [.. attributes];
    }

    /// <summary>The Code field.</summary>
    public RadiusCode Code { get; }

    /// <summary>The Identifier field (matches a response to its request).</summary>
    public byte Identifier { get; }

    /// <summary>The Authenticator field.</summary>
    public ReadOnlyMemory<byte> Authenticator => _authenticator;

    /// <summary>The attributes, in wire order (vendor attributes split out of their Vendor-Specific attributes).</summary>
    public IReadOnlyList<RadiusAttribute> Attributes { get; }

    /// <summary>The first standard attribute of <paramref name="type"/>, or null.</summary>
    public RadiusAttribute? Find(byte type) => Attributes.FirstOrDefault(a => a.Is(type));

    /// <summary>The first vendor attribute <paramref name="vendorType"/> of <paramref name="vendorId"/>, or null.</summary>
    public RadiusAttribute? Find(uint vendorId, uint vendorType) => Attributes.FirstOrDefault(a => a.Is(vendorId, vendorType));

    /// <summary>The Error-Cause (RFC 5176 §3.5), when the packet carries a well-formed one.</summary>
    public RadiusErrorCause? ErrorCause =>
        Find(RadiusAttributeTypes.ErrorCause) is { } attribute && attribute.TryGetUInt32(out var value) ? (RadiusErrorCause)value : null;
}
