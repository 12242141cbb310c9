using System.Text;

namespace SpeedUp.Protocols.Snmp;

/// <summary>An <c>OCTET STRING</c> (RFC 2578 §7.1.2). Equality compares the bytes.</summary>
/// <param name="Value">The octets.</param>
public sealed record SnmpOctetString(ReadOnlyMemory<byte> Value) : SnmpValue
{
    /// <summary>Encodes <paramref name="text"/> as UTF-8.</summary>
    public static SnmpOctetString FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SnmpOctetString(Encoding.UTF8.GetBytes(text));
    }

    /// <inheritdoc />
    public bool Equals(SnmpOctetString? other) =>
        other is not null && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <summary>The octets decoded as UTF-8 text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Value.Span);
}
