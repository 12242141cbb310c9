namespace SpeedUp.Protocols.Snmp;

/// <summary>An <c>Opaque</c>, <c>[APPLICATION 4]</c> (RFC 2578 §7.1.9). Equality compares the bytes.</summary>
/// <param name="Value">The wrapped octets (themselves BER of some other type).</param>
public sealed record SnmpOpaque(ReadOnlyMemory<byte> Value) : SnmpValue
{
    /// <inheritdoc />
    public bool Equals(SnmpOpaque? other) =>
        other is not null && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <summary>The octets in hexadecimal.</summary>
    public override string ToString() => "Opaque: " + Convert.ToHexString(Value.Span);
}
