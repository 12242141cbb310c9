namespace SpeedUp.Protocols.Snmp.Tests.Support;

/// <summary>Builds v2c Response datagrams around hand-made value encodings (short-form lengths only).</summary>
internal static class RawMessage
{
    /// <summary>A Response with one VarBind named 1.3.6.1 whose value is <paramref name="valueHex"/>.</summary>
    public static byte[] WithValue(string valueHex, int version = 1) => WithVarBind("06032b0601" + valueHex, version);

    /// <summary>A Response with one VarBind of the given content (name and value).</summary>
    public static byte[] WithVarBind(string varBindContentHex, int version = 1)
    {
        var varBind = Tlv("30", varBindContentHex);
        var list = Tlv("30", varBind);
        var pdu = Tlv("a2", "020101" + "020100" + "020100" + list);
        return Hex.Bytes(Tlv("30", "0201" + version.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + "040163" + pdu));
    }

    public static string Tlv(string tagHex, string contentHex)
    {
        var length = contentHex.Length / 2;
        var lengthHex = length < 0x80
            ? length.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)
            : "82" + length.ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        return tagHex + lengthHex + contentHex;
    }
}
