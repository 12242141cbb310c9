using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// Attribute and vendor definitions loaded from FreeRADIUS dictionary files (see <c>docs/radius.md</c>). Immutable
/// once loaded; thread-safe. Names are case-insensitive; when a name or number is defined twice, the last wins.
/// </summary>
public sealed class RadiusDictionary : IRadiusVendorFormats
{
    private readonly DictionaryTables _tables;

    private RadiusDictionary(DictionaryTables tables, IReadOnlyList<string> unresolvedValues)
    {
        _tables = tables;
        UnresolvedValues = unresolvedValues;
    }

    /// <summary>A dictionary with no definitions (every vendor in the default 1,1 format).</summary>
    public static RadiusDictionary Empty { get; } = new(new DictionaryTables(), []);

    /// <summary>Every attribute, by name.</summary>
    public IReadOnlyCollection<RadiusAttributeDefinition> Attributes => _tables.AttributesByName.Values;

    /// <summary>Every vendor.</summary>
    public IReadOnlyCollection<RadiusVendorDefinition> Vendors => _tables.VendorsById.Values;

    /// <summary>The files read, $INCLUDEd ones too (full paths).</summary>
    public IReadOnlyCollection<string> Files => _tables.LoadedFiles;

    /// <summary>VALUE lines whose attribute no loaded file defines ("file:line: …"); they are ignored.</summary>
    public IReadOnlyList<string> UnresolvedValues { get; }

    /// <summary>Loads one dictionary file and what it includes.</summary>
    /// <exception cref="RadiusDictionaryException">A file is missing or has a malformed line.</exception>
    public static RadiusDictionary Load(string path) => Load([path]);

    /// <summary>Loads several files into one dictionary, in order (a VALUE may name an attribute of a later file).</summary>
    /// <exception cref="RadiusDictionaryException">A file is missing or has a malformed line.</exception>
    public static RadiusDictionary Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var tables = new DictionaryTables();
        var parser = new DictionaryParser(tables);
        foreach (var path in paths)
        {
            parser.LoadFile(path);
        }

        return new RadiusDictionary(tables, tables.ResolvePendingValues());
    }

    /// <inheritdoc />
    public RadiusVendorFormat FormatOf(uint vendorId) =>
        _tables.VendorsById.TryGetValue(vendorId, out var vendor) ? vendor.Format : RadiusVendorFormat.Default;

    /// <summary>The attribute named <paramref name="name"/>.</summary>
    public bool TryGetAttribute(string name, out RadiusAttributeDefinition? definition) =>
        _tables.AttributesByName.TryGetValue(name, out definition);

    /// <summary>The top-level attribute <paramref name="code"/> of <paramref name="vendorId"/> (0: standard).</summary>
    public bool TryGetAttribute(uint vendorId, uint code, out RadiusAttributeDefinition? definition) =>
        _tables.AttributesByNumber.TryGetValue((vendorId, code), out definition);

    /// <summary>The definition of a decoded attribute.</summary>
    public bool TryGetAttribute(RadiusAttribute attribute, out RadiusAttributeDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return TryGetAttribute(attribute.VendorId, attribute.IsVendorAttribute ? attribute.VendorType : attribute.Type, out definition);
    }

    /// <summary>The vendor named <paramref name="name"/>.</summary>
    public bool TryGetVendor(string name, out RadiusVendorDefinition? vendor) => _tables.VendorsByName.TryGetValue(name, out vendor);

    /// <summary>The vendor numbered <paramref name="id"/>.</summary>
    public bool TryGetVendor(uint id, out RadiusVendorDefinition? vendor) => _tables.VendorsById.TryGetValue(id, out vendor);

    /// <summary>
    /// An attribute from its name and its value as text: a number or VALUE name for integer types, text for string,
    /// an address for ipaddr/ipv6addr, <c>addr/len</c> for ipv6prefix, hex (<c>0x…</c>) for octets.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, not a top-level attribute, or a value its type does not accept.</exception>
    public RadiusAttribute Create(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryGetAttribute(name, out var definition) || !definition!.IsTopLevel)
        {
            throw new ArgumentException("No top-level attribute " + name + " in the dictionary.", nameof(name));
        }

        if (!ValueText.TryEncode(definition, value, out var octets))
        {
            throw new ArgumentException(name + " (" + definition.TypeName + ") does not accept the value given.", nameof(value));
        }

        return definition.IsVendorAttribute
            ? RadiusAttribute.Vendor(definition.VendorId, definition.Code, octets)
            : RadiusAttribute.Create((byte)definition.Code, octets);
    }

    /// <summary>The attribute's name and its value as text (VALUE names for enumerated integers), when the dictionary knows it.</summary>
    public bool TryDescribe(RadiusAttribute attribute, out string? name, out string? value)
    {
        name = null;
        value = null;
        if (!TryGetAttribute(attribute, out var definition))
        {
            return false;
        }

        name = definition!.Name;
        value = ValueText.Format(definition, attribute.Value.Span);
        return true;
    }
}
