namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Maps SNMPv2 error-status values to SNMPv1 ones (RFC 2576 §4.3).</summary>
internal static class SnmpV1ErrorMapping
{
    public static SnmpErrorStatus ToV1(SnmpErrorStatus status) => status switch
    {
        <= SnmpErrorStatus.GenErr => status,
        SnmpErrorStatus.WrongValue or SnmpErrorStatus.WrongEncoding or SnmpErrorStatus.WrongType
            or SnmpErrorStatus.WrongLength or SnmpErrorStatus.InconsistentValue => SnmpErrorStatus.BadValue,
        SnmpErrorStatus.NoAccess or SnmpErrorStatus.NotWritable or SnmpErrorStatus.NoCreation
            or SnmpErrorStatus.InconsistentName or SnmpErrorStatus.AuthorizationError => SnmpErrorStatus.NoSuchName,
        _ => SnmpErrorStatus.GenErr,
    };
}
