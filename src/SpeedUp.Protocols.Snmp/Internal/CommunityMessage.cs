namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// A community-based message, SNMPv1 (RFC 1157 §4) or SNMPv2c (RFC 1901 §3):
/// <c>SEQUENCE { version INTEGER, community OCTET STRING, data PDU }</c>.
/// </summary>
internal sealed record CommunityMessage(SnmpVersion Version, ReadOnlyMemory<byte> Community, SnmpPdu Pdu);
