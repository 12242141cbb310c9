namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// A PDU (RFC 3416 §3). GetBulkRequest-PDU reuses error-status as non-repeaters and error-index as
/// max-repetitions; both are kept as raw integers here.
/// </summary>
internal sealed record SnmpPdu(SnmpPduType Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<VarBind> VarBinds)
{
    /// <summary>The error-status as the enum (meaningless for GetBulk).</summary>
    public SnmpErrorStatus Status => (SnmpErrorStatus)ErrorStatus;

    /// <summary>GetBulk non-repeaters.</summary>
    public int NonRepeaters => ErrorStatus;

    /// <summary>GetBulk max-repetitions.</summary>
    public int MaxRepetitions => ErrorIndex;

    /// <summary>A Response-PDU answering <paramref name="requestId"/>.</summary>
    public static SnmpPdu Response(int requestId, SnmpErrorStatus status, int errorIndex, IReadOnlyList<VarBind> varBinds) =>
        new(SnmpPduType.Response, requestId, (int)status, errorIndex, varBinds);
}
