namespace SpeedUp.Protocols.Snmp;

/// <summary>A <c>Counter64</c>, <c>[APPLICATION 6]</c> (RFC 2578 §7.1.10). Not representable in SNMPv1.</summary>
/// <param name="Value">A wrapping 64-bit counter.</param>
public sealed record SnmpCounter64(ulong Value) : SnmpValue;
