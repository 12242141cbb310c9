namespace SpeedUp.Protocols.Snmp;

/// <summary>An <c>INTEGER</c> / <c>Integer32</c> (RFC 2578 §7.1.1).</summary>
/// <param name="Value">The signed 32-bit value.</param>
public sealed record SnmpInteger(int Value) : SnmpValue;
