namespace SpeedUp.Protocols.Snmp;

/// <summary>The SNMPv2 exception <c>endOfMibView</c>, <c>[2] IMPLICIT NULL</c> (RFC 3416 §3): nothing follows the OID in the MIB view.</summary>
public sealed record SnmpEndOfMibView : SnmpValue
{
    private SnmpEndOfMibView()
    {
    }

    /// <summary>The only instance.</summary>
    public static SnmpEndOfMibView Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsException => true;

    /// <summary>The RFC name, <c>endOfMibView</c>.</summary>
    public override string ToString() => "endOfMibView";
}
