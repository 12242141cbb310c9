using System.Globalization;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// A request as one line of text, the notation of the CoA driver's dry runs and of the simulator's received log:
/// <c>COA User-Name="zj0571a0001" Huawei-Output-Average-Rate=200000000</c>. The code word (<c>COA</c>,
/// <c>DISCONNECT</c>, else the code's name) comes first, then every attribute in order as <c>Name=value</c> (strings
/// quoted, quotes and backslashes escaped; attributes the dictionary does not know as <c>Attr-…=0x…</c>). The
/// Message-Authenticator is left out: it differs on every send and says nothing about what was asked.
/// </summary>
public static class RadiusRequestText
{
    /// <summary>The line for a request with <paramref name="code"/> and <paramref name="attributes"/>.</summary>
    public static string Format(RadiusCode code, IEnumerable<RadiusAttribute> attributes, RadiusDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(dictionary);
        var parts = new List<string> { CodeWord(code) };
        foreach (var attribute in attributes)
        {
            if (!attribute.Is(RadiusAttributeTypes.MessageAuthenticator))
            {
                parts.Add(Describe(attribute, dictionary));
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary><c>COA</c>, <c>DISCONNECT</c>, or the code's name for other codes.</summary>
    public static string CodeWord(RadiusCode code) => code switch
    {
        RadiusCode.CoaRequest => "COA",
        RadiusCode.DisconnectRequest => "DISCONNECT",
        _ => code.ToString(),
    };

    private static string Describe(RadiusAttribute attribute, RadiusDictionary dictionary)
    {
        if (dictionary.TryGetAttribute(attribute, out var definition))
        {
            var text = ValueText.Format(definition!, attribute.Value.Span);
            return definition!.Name + "=" + (definition.DataType == RadiusDataType.String ? Quote(text) : text);
        }

        var name = attribute.IsVendorAttribute
            ? string.Create(CultureInfo.InvariantCulture, $"Attr-26.{attribute.VendorId}.{attribute.VendorType}")
            : string.Create(CultureInfo.InvariantCulture, $"Attr-{attribute.Type}");
        return name + "=0x" + Convert.ToHexStringLower(attribute.Value.Span);
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
