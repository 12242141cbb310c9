using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary><c>VarBindList ::= SEQUENCE (SIZE (0..max-bindings)) OF VarBind</c> (RFC 3416 §3).</summary>
internal static class VarBindListCodec
{
    public static IReadOnlyList<VarBind> Read(AsnReader reader)
    {
        var list = BerReading.ReadDefiniteSequence(reader, Asn1Tag.Sequence);
        var result = new List<VarBind>();
        while (list.HasData)
        {
            if (result.Count == SnmpCodecLimits.MaxVarBinds)
            {
                throw new SnmpDecodingException("Too many variable bindings (limit " + SnmpCodecLimits.MaxVarBinds + ").");
            }

            var item = BerReading.ReadDefiniteSequence(list, Asn1Tag.Sequence);
            var oid = ObjectIdentifierCodec.Read(item);
            var value = SnmpValueCodec.Read(item);
            item.ThrowIfNotEmpty();
            result.Add(new VarBind(oid, value));
        }

        return result;
    }

    public static void Write(AsnWriter writer, IReadOnlyList<VarBind> varBinds)
    {
        using (writer.PushSequence())
        {
            foreach (var varBind in varBinds)
            {
                WriteOne(writer, varBind);
            }
        }
    }

    /// <summary>The encoded size of one VarBind, for fitting responses into a datagram.</summary>
    public static int EncodedLength(VarBind varBind)
    {
        var writer = new AsnWriter(BerReading.Rules);
        WriteOne(writer, varBind);
        return writer.GetEncodedLength();
    }

    private static void WriteOne(AsnWriter writer, VarBind varBind)
    {
        using (writer.PushSequence())
        {
            ObjectIdentifierCodec.Write(writer, varBind.Oid);
            SnmpValueCodec.Write(writer, varBind.Value);
        }
    }
}
