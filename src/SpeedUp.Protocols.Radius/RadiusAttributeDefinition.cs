namespace SpeedUp.Protocols.Radius;

/// <summary>An ATTRIBUTE line of a dictionary, with the VALUE names given for it.</summary>
public sealed class RadiusAttributeDefinition
{
    private readonly Dictionary<string, ulong> _valuesByName;
    private readonly Dictionary<ulong, string> _namesByValue;

    internal RadiusAttributeDefinition(
        string name, string number, uint code, uint vendorId, RadiusDataType dataType, string typeName, bool isTopLevel,
        IReadOnlyList<string> flags, string source)
    {
        Name = name;
        Number = number;
        Code = code;
        VendorId = vendorId;
        DataType = dataType;
        TypeName = typeName;
        IsTopLevel = isTopLevel;
        Flags = flags;
        Source = source;
        _valuesByName = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        _namesByValue = [];
    }

    /// <summary>The attribute's name, e.g. <c>Huawei-Input-Average-Rate</c>.</summary>
    public string Name { get; }

    /// <summary>The number as written: <c>2</c>, or dotted for nested ones (<c>241.1</c>, a TLV member <c>59.1</c>).</summary>
    public string Number { get; }

    /// <summary>The attribute number (standard type, or the vendor's type); for nested attributes, the last component.</summary>
    public uint Code { get; }

    /// <summary>The vendor's enterprise number; 0 for a standard attribute.</summary>
    public uint VendorId { get; }

    /// <summary>The data type (unknown types load as <see cref="RadiusDataType.Octets"/>).</summary>
    public RadiusDataType DataType { get; }

    /// <summary>The type as written in the dictionary, e.g. <c>integer</c>, <c>octets[16]</c>.</summary>
    public string TypeName { get; }

    /// <summary>
    /// Whether the attribute is a top-level wire attribute (standard 1..255, or a vendor attribute inside
    /// Vendor-Specific), which <see cref="RadiusDictionary.Create"/> and the codec handle. False for attributes that
    /// live inside another (TLV members, RFC 6929 extended and extended-vendor attributes) and for FreeRADIUS
    /// server-internal ones (numbers above 255): those are found by name only.
    /// </summary>
    public bool IsTopLevel { get; }

    /// <summary>The flags as written: <c>has_tag</c>, <c>encrypt=2</c>, <c>array</c>, …</summary>
    public IReadOnlyList<string> Flags { get; }

    /// <summary>The file and line that defined it (last definition wins).</summary>
    public string Source { get; }

    /// <summary>The VALUE names of this attribute, by name.</summary>
    public IReadOnlyDictionary<string, ulong> Values => _valuesByName;

    /// <summary>Whether the attribute is a vendor attribute.</summary>
    public bool IsVendorAttribute => VendorId != 0;

    /// <summary>The VALUE name of <paramref name="value"/> (the last one given wins).</summary>
    public bool TryGetValueName(ulong value, out string? name) => _namesByValue.TryGetValue(value, out name);

    internal void AddValue(string name, ulong value)
    {
        _valuesByName[name] = value;
        _namesByValue[value] = name;
    }

    /// <inheritdoc />
    public override string ToString() => Name + " (" + (IsVendorAttribute ? "vendor " + VendorId + " " : string.Empty) + Number + " " + TypeName + ")";
}
