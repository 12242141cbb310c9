namespace SpeedUp.Protocols.Radius;

/// <summary>
/// One attribute of a packet: a standard one (<see cref="Type"/> and value), or one vendor attribute carried inside a
/// Vendor-Specific attribute (type 26, RFC 2865 §5.26): <see cref="VendorId"/>, <see cref="VendorType"/> and value.
/// A Vendor-Specific attribute whose content does not follow its vendor's format stays raw: type 26, vendor id 0.
/// </summary>
public sealed class RadiusAttribute
{
    private readonly byte[] _value;

    private RadiusAttribute(byte type, uint vendorId, uint vendorType, byte[] value)
    {
        Type = type;
        VendorId = vendorId;
        VendorType = vendorType;
        _value = value;
    }

    /// <summary>The attribute type on the wire (26 for vendor attributes).</summary>
    public byte Type { get; }

    /// <summary>The SMI enterprise number of the vendor; 0 for a standard (or raw Vendor-Specific) attribute.</summary>
    public uint VendorId { get; }

    /// <summary>The vendor's attribute number; 0 for a standard attribute.</summary>
    public uint VendorType { get; }

    /// <summary>The value octets (without type and length).</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>Whether this is a vendor attribute (<see cref="VendorId"/> set).</summary>
    public bool IsVendorAttribute => VendorId != 0;

    /// <summary>A standard attribute with raw value octets (at most 253).</summary>
    public static RadiusAttribute Create(byte type, ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfZero(type);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, RadiusLimits.MaxAttributeValueLength, nameof(value));
        return new RadiusAttribute(type, 0, 0, value.ToArray());
    }

    /// <summary>A vendor attribute (encoded inside a Vendor-Specific attribute in the vendor's format).</summary>
    public static RadiusAttribute Vendor(uint vendorId, uint vendorType, ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfZero(vendorId);
        // Vendor id (4) and at least a one-octet type leave 248 octets; the encoder checks the vendor's real format.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, RadiusLimits.MaxAttributeValueLength - 5, nameof(value));
        return new RadiusAttribute(RadiusAttributeTypes.VendorSpecific, vendorId, vendorType, value.ToArray());
    }

    /// <summary>A standard attribute of type integer (32-bit unsigned, network order).</summary>
    public static RadiusAttribute FromUInt32(byte type, uint value) => Create(type, RadiusValue.FromUInt32(value));

    /// <summary>A standard attribute of type string (UTF-8).</summary>
    public static RadiusAttribute FromString(byte type, string value) => Create(type, RadiusValue.FromString(value));

    /// <summary>A vendor attribute of type integer.</summary>
    public static RadiusAttribute VendorUInt32(uint vendorId, uint vendorType, uint value) =>
        Vendor(vendorId, vendorType, RadiusValue.FromUInt32(value));

    /// <summary>The value as an integer, when it is exactly four octets.</summary>
    public bool TryGetUInt32(out uint value) => RadiusValue.TryReadUInt32(_value, out value);

    /// <summary>The value as UTF-8 text.</summary>
    public string GetString() => RadiusValue.ReadString(_value);

    /// <summary>Whether this is the standard attribute <paramref name="type"/>.</summary>
    public bool Is(byte type) => VendorId == 0 && Type == type;

    /// <summary>Whether this is the vendor attribute <paramref name="vendorType"/> of <paramref name="vendorId"/>.</summary>
    public bool Is(uint vendorId, uint vendorType) => VendorId == vendorId && VendorType == vendorType && vendorId != 0;

    /// <inheritdoc />
    public override string ToString() => IsVendorAttribute
        ? "Vendor " + VendorId + " attribute " + VendorType + " (" + _value.Length + " octets)"
        : "Attribute " + Type + " (" + _value.Length + " octets)";
}
