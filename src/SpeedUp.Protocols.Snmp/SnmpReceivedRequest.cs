using System.Globalization;
using System.Net;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// A request an <see cref="SnmpAgent"/> received, as its <see cref="SnmpAgentOptions.RequestObserver"/> sees it: who sent
/// it, the PDU type and its variable bindings. Never carries a community or a key.
/// </summary>
/// <param name="Remote">The sender.</param>
/// <param name="Version">The message version.</param>
/// <param name="Operation"><c>GET</c>, <c>GETNEXT</c>, <c>GETBULK</c>, <c>SET</c>, or another PDU's name (<c>RESPONSE</c>, <c>TRAP</c>, <c>INFORM</c>, <c>REPORT</c>).</param>
/// <param name="VarBinds">The bindings as received (NULL values in reads).</param>
/// <param name="SecurityName">SNMPv3: the USM user; null for v1/v2c (the community is a secret and is not kept).</param>
/// <param name="Accepted">False when the community was wrong (the agent drops such a request); v3 requests are only observed once authenticated.</param>
public sealed record SnmpReceivedRequest(
    IPEndPoint Remote, SnmpVersion Version, string Operation, IReadOnlyList<VarBind> VarBinds, string? SecurityName, bool Accepted)
{
    /// <summary>The request in the dry-run notation of the drivers: <c>GET oid, oid</c>, <c>SET oid = Gauge32 150000</c>.</summary>
    public override string ToString() => Format(Operation, VarBinds);

    /// <summary>
    /// <c>&lt;OPERATION&gt; &lt;binding&gt;, …</c>; a binding is its OID, and <c> = &lt;type&gt; &lt;value&gt;</c> unless the value is NULL.
    /// </summary>
    public static string Format(string operation, IReadOnlyList<VarBind> varBinds)
    {
        ArgumentNullException.ThrowIfNull(varBinds);
        var bindings = varBinds.Select(b => b.Value is SnmpNull ? b.Oid.ToString() : $"{b.Oid} = {Describe(b.Value)}");
        return varBinds.Count == 0 ? operation : operation + " " + string.Join(", ", bindings);
    }

    private static string Describe(SnmpValue value) => value switch
    {
        SnmpInteger v => "INTEGER " + v.Value.ToString(CultureInfo.InvariantCulture),
        SnmpGauge32 v => "Gauge32 " + v.Value.ToString(CultureInfo.InvariantCulture),
        SnmpCounter32 v => "Counter32 " + v.Value.ToString(CultureInfo.InvariantCulture),
        SnmpCounter64 v => "Counter64 " + v.Value.ToString(CultureInfo.InvariantCulture),
        SnmpTimeTicks v => "TimeTicks " + v.Value.ToString(CultureInfo.InvariantCulture),
        SnmpIpAddress v => "IpAddress " + v.Value,
        SnmpObjectIdentifierValue v => "OID " + v.Value,
        SnmpOctetString v => "OCTET STRING 0x" + Convert.ToHexString(v.Value.Span),
        SnmpOpaque v => "Opaque 0x" + Convert.ToHexString(v.Value.Span),
        _ => value.GetType().Name,
    };
}
