using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa;

/// <summary>One direction's rate attribute, resolved: its definition, how many of its units make one kbit/s, and the highest rate it may carry.</summary>
/// <param name="Definition">The dictionary definition (an integer type).</param>
/// <param name="UnitsPerKbps">1000 for bit/s, 1 for kbit/s.</param>
/// <param name="MaxKbps">The vendor's maximum, lowered to what the attribute's type can carry in its unit.</param>
internal sealed record CoaRateAttribute(RadiusAttributeDefinition Definition, long UnitsPerKbps, long MaxKbps)
{
    /// <summary>The attribute's value for <paramref name="kbps"/>, as text (what the dictionary encodes).</summary>
    public string ValueText(long kbps) => (kbps * UnitsPerKbps).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryResolve(CoaRateDefinition rate, RadiusDictionary dictionary, long vendorMaxKbps, out CoaRateAttribute? resolved, out string? problem)
    {
        resolved = null;
        problem = null;
        long units = rate.Unit switch { "bit/s" => 1000, "kbit/s" => 1, _ => 0 };
        if (units == 0)
        {
            problem = "unit must be bit/s or kbit/s, got '" + rate.Unit + "'";
            return false;
        }

        if (!dictionary.TryGetAttribute(rate.Attribute, out var definition) || !definition!.IsTopLevel)
        {
            problem = "attribute " + rate.Attribute + " is in none of its dictionaries";
            return false;
        }

        var typeMax = definition.DataType switch
        {
            RadiusDataType.Integer => uint.MaxValue,
            RadiusDataType.Signed => int.MaxValue,
            RadiusDataType.Integer64 => long.MaxValue,
            _ => 0L,
        };
        if (typeMax == 0)
        {
            problem = "attribute " + rate.Attribute + " is of type " + definition.TypeName + ", not an integer";
            return false;
        }

        resolved = new CoaRateAttribute(definition, units, Math.Min(vendorMaxKbps, typeMax / units));
        return true;
    }
}
