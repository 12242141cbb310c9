namespace SpeedUp.Protocols.Snmp;

/// <summary>A <c>Gauge32</c>, <c>[APPLICATION 2]</c> (RFC 2578 §7.1.7).</summary>
/// <param name="Value">A non-negative level.</param>
public sealed record SnmpGauge32(uint Value) : SnmpValue;
