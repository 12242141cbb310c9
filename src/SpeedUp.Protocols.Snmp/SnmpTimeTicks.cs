namespace SpeedUp.Protocols.Snmp;

/// <summary>A <c>TimeTicks</c>, <c>[APPLICATION 3]</c> (RFC 2578 §7.1.8).</summary>
/// <param name="Value">Hundredths of a second.</param>
public sealed record SnmpTimeTicks(uint Value) : SnmpValue;
