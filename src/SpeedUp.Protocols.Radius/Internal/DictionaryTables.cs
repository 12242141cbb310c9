namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>What the parser fills: vendors, attributes by name and by number, and VALUE lines not yet attached.</summary>
internal sealed class DictionaryTables
{
    public Dictionary<string, RadiusVendorDefinition> VendorsByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<uint, RadiusVendorDefinition> VendorsById { get; } = [];

    public Dictionary<string, RadiusAttributeDefinition> AttributesByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Top-level attributes by (vendor id, code); vendor id 0 for standard ones. The last definition wins.</summary>
    public Dictionary<(uint VendorId, uint Code), RadiusAttributeDefinition> AttributesByNumber { get; } = [];

    /// <summary>VALUE lines whose attribute was not defined yet (FreeRADIUS allows VALUE before ATTRIBUTE, even across files).</summary>
    public List<(string Attribute, string Name, ulong Value, string Source)> PendingValues { get; } = [];

    /// <summary>Full paths of the files loaded (each is read once).</summary>
    public HashSet<string> LoadedFiles { get; } = new(StringComparer.Ordinal);

    public void AddAttribute(RadiusAttributeDefinition definition)
    {
        if (AttributesByName.TryGetValue(definition.Name, out var previous))
        {
            foreach (var (name, value) in previous.Values)
            {
                definition.AddValue(name, value);
            }
        }

        AttributesByName[definition.Name] = definition;
        if (definition.IsTopLevel)
        {
            AttributesByNumber[(definition.VendorId, definition.Code)] = definition;
        }
    }

    public void AddVendor(RadiusVendorDefinition vendor)
    {
        VendorsByName[vendor.Name] = vendor;
        VendorsById[vendor.Id] = vendor;
    }

    /// <summary>Attaches the pending VALUE lines whose attribute exists now; returns those still without one.</summary>
    public IReadOnlyList<string> ResolvePendingValues()
    {
        var unresolved = new List<string>();
        foreach (var (attribute, name, value, source) in PendingValues)
        {
            if (AttributesByName.TryGetValue(attribute, out var definition))
            {
                definition.AddValue(name, value);
            }
            else
            {
                unresolved.Add(source + ": VALUE " + name + " of undefined attribute " + attribute);
            }
        }

        PendingValues.Clear();
        return unresolved;
    }
}
