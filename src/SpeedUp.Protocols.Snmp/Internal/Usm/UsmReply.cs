namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>An answer to an SNMPv3 request: its PDU (Response or Report), whether it was authenticated, and its security parameters.</summary>
internal sealed record UsmReply(SnmpPdu Pdu, bool Authenticated, UsmSecurityParameters Security);
