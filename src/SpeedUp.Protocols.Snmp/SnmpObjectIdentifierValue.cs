namespace SpeedUp.Protocols.Snmp;

/// <summary>An <c>OBJECT IDENTIFIER</c> value (RFC 2578 §7.1.3).</summary>
/// <param name="Value">The OID.</param>
public sealed record SnmpObjectIdentifierValue(ObjectIdentifier Value) : SnmpValue;
