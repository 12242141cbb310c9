using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>One instance in the MIB view: its OID, its object type and the band id of its row (0 for scalars).</summary>
internal sealed record MibEntry(ObjectIdentifier Oid, MibObject Object, int BandId);
