namespace SpeedUp.Protocols.Snmp;

/// <summary>The ASN.1 <c>NULL</c> that requests carry in place of values.</summary>
public sealed record SnmpNull : SnmpValue
{
    /// <summary>The shared instance.</summary>
    public static SnmpNull Instance { get; } = new();

    /// <summary>Always <c>NULL</c>.</summary>
    public override string ToString() => "NULL";
}
