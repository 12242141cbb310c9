namespace SpeedUp.Protocols.Snmp;

/// <summary>The SNMPv2 exception <c>noSuchObject</c>, <c>[0] IMPLICIT NULL</c> (RFC 3416 §3): no object of that type exists at the OID.</summary>
public sealed record SnmpNoSuchObject : SnmpValue
{
    private SnmpNoSuchObject()
    {
    }

    /// <summary>The only instance.</summary>
    public static SnmpNoSuchObject Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsException => true;

    /// <summary>The RFC name, <c>noSuchObject</c>.</summary>
    public override string ToString() => "noSuchObject";
}
