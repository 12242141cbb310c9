namespace SpeedUp.Protocols.Snmp;

/// <summary>The SNMPv2 exception <c>noSuchInstance</c>, <c>[1] IMPLICIT NULL</c> (RFC 3416 §3): the object type exists, that instance does not.</summary>
public sealed record SnmpNoSuchInstance : SnmpValue
{
    private SnmpNoSuchInstance()
    {
    }

    /// <summary>The only instance.</summary>
    public static SnmpNoSuchInstance Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsException => true;

    /// <summary>The RFC name, <c>noSuchInstance</c>.</summary>
    public override string ToString() => "noSuchInstance";
}
