using System.Diagnostics;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// The spans of the SNMP manager, on the <see cref="ActivitySource"/> named <see cref="SourceName"/>: one per request
/// PDU sent (<c>snmp.get</c>, <c>snmp.getnext</c>, <c>snmp.getbulk</c>, <c>snmp.set</c>), resends and SNMPv3 engine
/// discovery included. A span holds no community, USM user, key, OID or value.
/// </summary>
public static class SnmpTracing
{
    /// <summary>The name of the activity source to listen to.</summary>
    public const string SourceName = "SpeedUp.Protocols.Snmp";

    /// <summary>Tag: the request PDU's type, e.g. <c>GetRequest</c>.</summary>
    public const string PduTypeTag = "snmp.pdu.type";

    /// <summary>Tag: the message version (<c>V1</c>, <c>V2c</c>, <c>V3</c>).</summary>
    public const string VersionTag = "snmp.version";

    /// <summary>Tag: the agent's address.</summary>
    public const string ServerAddressTag = "server.address";

    /// <summary>Tag: the agent's UDP port.</summary>
    public const string ServerPortTag = "server.port";

    /// <summary>Tag: the request id (v1/v2c) or msgID (v3) of the last datagram exchanged.</summary>
    public const string RequestIdTag = "snmp.request_id";

    /// <summary>Tag: how many datagrams were sent for it (1 + resends after timeouts).</summary>
    public const string AttemptsTag = "snmp.attempts";

    /// <summary>Tag: how many variable bindings the request carries.</summary>
    public const string VarBindCountTag = "snmp.varbind.count";

    /// <summary>Tag: the agent's error-status when it answered with one (e.g. <c>NoSuchName</c>).</summary>
    public const string ErrorStatusTag = "snmp.error_status";

    /// <summary>Tag: what failed (the exception's type name) when no good answer came.</summary>
    public const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of the request this code runs in, when it is one of ours.</summary>
    internal static Activity? CurrentRequest =>
        Activity.Current is { } current && ReferenceEquals(current.Source, Source) ? current : null;
}
