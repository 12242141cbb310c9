namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>The operation names of <see cref="SnmpReceivedRequest.Operation"/>.</summary>
internal static class SnmpPduNames
{
    public static string Of(SnmpPduType type) => type switch
    {
        SnmpPduType.GetRequest => "GET",
        SnmpPduType.GetNextRequest => "GETNEXT",
        SnmpPduType.GetBulkRequest => "GETBULK",
        SnmpPduType.SetRequest => "SET",
        SnmpPduType.Response => "RESPONSE",
        SnmpPduType.InformRequest => "INFORM",
        SnmpPduType.SnmpV2Trap => "TRAP",
        SnmpPduType.Report => "REPORT",
        _ => "PDU " + (int)type,
    };
}
