namespace SpeedUp.Protocols.Snmp;

/// <summary>A <c>Counter32</c>, <c>[APPLICATION 1]</c> (RFC 2578 §7.1.6).</summary>
/// <param name="Value">A wrapping counter.</param>
public sealed record SnmpCounter32(uint Value) : SnmpValue;
