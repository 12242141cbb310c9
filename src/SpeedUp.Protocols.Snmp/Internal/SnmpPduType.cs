namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>The PDU choices: context-specific constructed tags (RFC 3416 §3).</summary>
internal enum SnmpPduType
{
    GetRequest = 0,
    GetNextRequest = 1,
    Response = 2,
    SetRequest = 3,
    GetBulkRequest = 5,
    InformRequest = 6,
    SnmpV2Trap = 7,
    Report = 8,
}
