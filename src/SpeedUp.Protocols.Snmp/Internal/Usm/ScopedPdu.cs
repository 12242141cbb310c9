namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary><c>ScopedPDU ::= SEQUENCE { contextEngineID OCTET STRING, contextName OCTET STRING, data ANY }</c> (RFC 3412 §6.8).</summary>
internal sealed record ScopedPdu(byte[] ContextEngineId, byte[] ContextName, SnmpPdu Pdu);
