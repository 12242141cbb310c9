using System.Globalization;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>
/// Reads FreeRADIUS dictionary files (the format of <c>/usr/share/freeradius/dictionary*</c>, FreeRADIUS 3): ATTRIBUTE,
/// VALUE, VENDOR (<c>format=t,l[,c]</c>), BEGIN-VENDOR/END-VENDOR, BEGIN-TLV/END-TLV, <c>$INCLUDE</c> and
/// <c>$INCLUDE-</c> (relative to the including file), and <c>#</c> comments. A malformed line or an unknown keyword
/// fails with the file and line; an unknown data type loads as octets.
/// </summary>
internal sealed class DictionaryParser(DictionaryTables tables)
{
    private const int MaxIncludeDepth = 16;
    private static readonly char[] Blanks = [' ', '\t'];

    public void LoadFile(string path) => LoadFile(Path.GetFullPath(path), depth: 0, includedFrom: null);

    private void LoadFile(string fullPath, int depth, string? includedFrom)
    {
        if (depth > MaxIncludeDepth)
        {
            throw new RadiusDictionaryException(includedFrom + ": $INCLUDE nested deeper than " + MaxIncludeDepth + " files (a cycle?).");
        }

        if (!tables.LoadedFiles.Add(fullPath))
        {
            return;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RadiusDictionaryException((includedFrom is null ? string.Empty : includedFrom + ": ") + "cannot read " + fullPath + " (" + e.Message + ")", e);
        }

        var state = new FileState(fullPath);
        for (var i = 0; i < lines.Length; i++)
        {
            state.Line = i + 1;
            var comment = lines[i].IndexOf('#', StringComparison.Ordinal);
            var fields = (comment >= 0 ? lines[i][..comment] : lines[i]).Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                ParseLine(fields, state, depth);
            }
        }

        if (state.Vendor is not null)
        {
            throw new RadiusDictionaryException(fullPath + ": BEGIN-VENDOR " + state.Vendor.Name + " has no END-VENDOR.");
        }

        if (state.Tlvs.Count > 0)
        {
            throw new RadiusDictionaryException(fullPath + ": BEGIN-TLV " + state.Tlvs.Peek().Name + " has no END-TLV.");
        }
    }

    private void ParseLine(string[] fields, FileState state, int depth)
    {
        switch (fields[0].ToUpperInvariant())
        {
            case "ATTRIBUTE": Require(fields, 4, state); ParseAttribute(fields, state); break;
            case "VALUE": Require(fields, 4, state); ParseValue(fields, state); break;
            case "VENDOR": Require(fields, 3, state); ParseVendor(fields, state); break;
            case "BEGIN-VENDOR": Require(fields, 2, state); BeginVendor(fields, state); break;
            case "END-VENDOR": Require(fields, 2, state); EndVendor(fields, state); break;
            case "BEGIN-TLV": Require(fields, 2, state); BeginTlv(fields, state); break;
            case "END-TLV": Require(fields, 2, state); EndTlv(fields, state); break;
            case "$INCLUDE": Require(fields, 2, state); Include(fields[1], state, depth, optional: false); break;
            case "$INCLUDE-": Require(fields, 2, state); Include(fields[1], state, depth, optional: true); break;
            default: throw Error(state, "unknown keyword " + fields[0]);
        }
    }

    private void ParseAttribute(string[] fields, FileState state)
    {
        var (name, number, typeName) = (fields[1], fields[2], fields[3]);
        var vendorId = state.Vendor?.Id ?? 0;
        var flags = new List<string>();
        if (fields.Length > 4)
        {
            foreach (var flag in fields[4].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                // The old form names the vendor in the fifth field instead of a BEGIN-VENDOR block.
                if (!flag.Contains('=', StringComparison.Ordinal) && tables.VendorsByName.TryGetValue(flag, out var oldStyleVendor))
                {
                    vendorId = oldStyleVendor.Id;
                }
                else
                {
                    flags.Add(flag);
                }
            }
        }

        var nested = state.Tlvs.Count > 0 || state.ExtendedVendorBlock || number.Contains('.', StringComparison.Ordinal);
        var last = number.Contains('.', StringComparison.Ordinal) ? number[(number.LastIndexOf('.') + 1)..] : number;
        if (number.StartsWith('.') || number.EndsWith('.') || !TryParseNumber(last, out var code) || code > uint.MaxValue
            || (number.Contains('.', StringComparison.Ordinal) && !number.Split('.').All(part => TryParseNumber(part, out _))))
        {
            throw Error(state, "ATTRIBUTE " + name + " has an invalid number " + number);
        }

        if (!nested && vendorId == 0 && code == 0)
        {
            throw Error(state, "ATTRIBUTE " + name + ": attribute number 0 is reserved");
        }

        // FreeRADIUS numbers its server-internal attributes above 255 (dictionary.freeradius.internal): never on the wire.
        var internalOnly = vendorId == 0 && code > byte.MaxValue;

        if (!nested && vendorId != 0 && tables.VendorsById.TryGetValue(vendorId, out var vendor) && code > vendor.Format.MaxVendorType)
        {
            throw Error(state, "ATTRIBUTE " + name + ": " + number + " does not fit vendor " + vendor.Name + "'s type field");
        }

        var dataType = DataTypeNames.Parse(typeName);
        var path = state.Tlvs.Count > 0 ? state.Tlvs.Peek().Number + "." + number : number;
        var definition = new RadiusAttributeDefinition(name, path, (uint)code, vendorId, dataType, typeName, !nested && !internalOnly, flags, state.Where);
        tables.AddAttribute(definition);
    }

    private void ParseValue(string[] fields, FileState state)
    {
        if (!TryParseNumber(fields[3], out var value))
        {
            throw Error(state, "VALUE " + fields[2] + " of " + fields[1] + " has an invalid number " + fields[3]);
        }

        if (tables.AttributesByName.TryGetValue(fields[1], out var attribute))
        {
            attribute.AddValue(fields[2], value);
        }
        else
        {
            tables.PendingValues.Add((fields[1], fields[2], value, state.Where));
        }
    }

    private void ParseVendor(string[] fields, FileState state)
    {
        if (!TryParseNumber(fields[2], out var id) || id is 0 or > uint.MaxValue)
        {
            throw Error(state, "VENDOR " + fields[1] + " has an invalid number " + fields[2]);
        }

        var format = RadiusVendorFormat.Default;
        if (fields.Length > 3)
        {
            format = ParseFormat(fields[3], state);
        }

        tables.AddVendor(new RadiusVendorDefinition(fields[1], (uint)id, format));
    }

    private static RadiusVendorFormat ParseFormat(string field, FileState state)
    {
        var parts = field.StartsWith("format=", StringComparison.OrdinalIgnoreCase) ? field[7..].Split(',') : [];
        if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            || (parts.Length == 3 && !parts[2].Equals("c", StringComparison.OrdinalIgnoreCase)))
        {
            throw Error(state, "invalid vendor format " + field + " (expected format=t,l or format=t,l,c)");
        }

        var format = new RadiusVendorFormat(t, l, parts.Length == 3);
        return format.IsValid ? format : throw Error(state, "unsupported vendor format " + field);
    }

    private void BeginVendor(string[] fields, FileState state)
    {
        if (state.Vendor is not null)
        {
            throw Error(state, "BEGIN-VENDOR " + fields[1] + " inside BEGIN-VENDOR " + state.Vendor.Name);
        }

        if (!tables.VendorsByName.TryGetValue(fields[1], out var vendor))
        {
            throw Error(state, "BEGIN-VENDOR of unknown vendor " + fields[1]);
        }

        state.Vendor = vendor;
        // format=Extended-Vendor-Specific-N: the block's attributes live in RFC 6929 extended space, not in type 26.
        state.ExtendedVendorBlock = fields.Length > 2 && fields[2].StartsWith("format=", StringComparison.OrdinalIgnoreCase);
    }

    private static void EndVendor(string[] fields, FileState state)
    {
        if (state.Vendor is null || !state.Vendor.Name.Equals(fields[1], StringComparison.OrdinalIgnoreCase))
        {
            throw Error(state, "END-VENDOR " + fields[1] + " does not close the open vendor block");
        }

        state.Vendor = null;
        state.ExtendedVendorBlock = false;
    }

    private void BeginTlv(string[] fields, FileState state)
    {
        if (!tables.AttributesByName.TryGetValue(fields[1], out var parent) || parent.DataType != RadiusDataType.Tlv)
        {
            throw Error(state, "BEGIN-TLV of " + fields[1] + ", which is not a tlv attribute");
        }

        state.Tlvs.Push(parent);
    }

    private static void EndTlv(string[] fields, FileState state)
    {
        if (state.Tlvs.Count == 0 || !state.Tlvs.Peek().Name.Equals(fields[1], StringComparison.OrdinalIgnoreCase))
        {
            throw Error(state, "END-TLV " + fields[1] + " does not close the open TLV");
        }

        state.Tlvs.Pop();
    }

    private void Include(string target, FileState state, int depth, bool optional)
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(state.Path)!, target));
        if (optional && !File.Exists(path))
        {
            return;
        }

        LoadFile(path, depth + 1, state.Where);
    }

    private static bool TryParseNumber(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static void Require(string[] fields, int count, FileState state)
    {
        if (fields.Length < count)
        {
            throw Error(state, fields[0] + " needs " + (count - 1) + " fields");
        }
    }

    private static RadiusDictionaryException Error(FileState state, string message) => new(state.Where + ": " + message);

    /// <summary>Where the parser is in one file: line, open vendor block, open TLVs.</summary>
    private sealed class FileState(string path)
    {
        public string Path { get; } = path;

        public int Line { get; set; }

        public RadiusVendorDefinition? Vendor { get; set; }

        public bool ExtendedVendorBlock { get; set; }

        public Stack<RadiusAttributeDefinition> Tlvs { get; } = new();

        public string Where => Path + ":" + Line;
    }
}
