namespace SpeedUp.Protocols.Snmp;

/// <summary>A variable binding: an OID and its value (RFC 3416 §3, <c>VarBind</c>).</summary>
/// <param name="Oid">The variable's name.</param>
/// <param name="Value">Its value, or NULL in requests, or an exception in responses.</param>
public sealed record VarBind(ObjectIdentifier Oid, SnmpValue Value);
