namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// Turns a request into its Response-PDU against an <see cref="ISnmpMib"/> (RFC 3416 §4.2, with the
/// SNMPv1 behaviour of RFC 1157 §4.1 and RFC 2576 §4.2–4.3). Returns null for PDUs an agent does not answer.
/// </summary>
internal sealed class AgentRequestProcessor(ISnmpMib mib, int maxDatagramSize)
{
    public CommunityMessage? Process(CommunityMessage request, CommunityAccess access)
    {
        var response = Process(request.Pdu, request.Version == SnmpVersion.V1, access, new ResponseBudget(request, maxDatagramSize));
        return response is null ? null : request with { Pdu = response };
    }

    /// <summary>The Response-PDU to <paramref name="pdu"/>, or null for PDUs a command responder does not answer.</summary>
    public SnmpPdu? Process(SnmpPdu pdu, bool v1, CommunityAccess access, ResponseBudget budget) => pdu.Type switch
    {
        SnmpPduType.GetRequest => Get(pdu, v1, budget),
        SnmpPduType.GetNextRequest => GetNext(pdu, v1, budget),
        SnmpPduType.GetBulkRequest when !v1 => GetBulk(pdu, budget),
        SnmpPduType.SetRequest => Set(pdu, v1, access, budget),
        _ => null,
    };

    /// <summary>RFC 3416 §4.2.1; in SNMPv1 a missing or Counter64 variable is noSuchName.</summary>
    private SnmpPdu Get(SnmpPdu pdu, bool v1, ResponseBudget budget)
    {
        var results = new List<VarBind>(pdu.VarBinds.Count);
        for (var i = 0; i < pdu.VarBinds.Count; i++)
        {
            var oid = pdu.VarBinds[i].Oid;
            var value = mib.Get(oid);
            if (v1 && !SnmpValueCodec.IsV1Compatible(value))
            {
                return Error(pdu, SnmpErrorStatus.NoSuchName, i + 1);
            }

            if (!Add(results, new VarBind(oid, value), budget))
            {
                return TooBig(pdu);
            }
        }

        return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, results);
    }

    /// <summary>RFC 3416 §4.2.2.</summary>
    private SnmpPdu GetNext(SnmpPdu pdu, bool v1, ResponseBudget budget)
    {
        var results = new List<VarBind>(pdu.VarBinds.Count);
        for (var i = 0; i < pdu.VarBinds.Count; i++)
        {
            var oid = pdu.VarBinds[i].Oid;
            var next = Next(oid, v1);
            if (next is null && v1)
            {
                return Error(pdu, SnmpErrorStatus.NoSuchName, i + 1);
            }

            if (!Add(results, next ?? new VarBind(oid, SnmpValue.EndOfMibView), budget))
            {
                return TooBig(pdu);
            }
        }

        return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, results);
    }

    /// <summary>RFC 3416 §4.2.3: trailing bindings that do not fit are left out rather than answering tooBig.</summary>
    private SnmpPdu GetBulk(SnmpPdu pdu, ResponseBudget budget)
    {
        var count = pdu.VarBinds.Count;
        var nonRepeaters = Math.Clamp(pdu.NonRepeaters, 0, count);
        var maxRepetitions = Math.Max(pdu.MaxRepetitions, 0);
        var results = new List<VarBind>();
        for (var i = 0; i < nonRepeaters; i++)
        {
            var oid = pdu.VarBinds[i].Oid;
            if (!Add(results, Next(oid, v1: false) ?? new VarBind(oid, SnmpValue.EndOfMibView), budget))
            {
                return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, results);
            }
        }

        var cursors = pdu.VarBinds.Skip(nonRepeaters).Select(v => v.Oid).ToArray();
        var ended = new bool[cursors.Length];
        for (var repetition = 0; repetition < maxRepetitions && cursors.Length > 0 && !ended.All(e => e); repetition++)
        {
            for (var j = 0; j < cursors.Length; j++)
            {
                var next = ended[j] ? null : Next(cursors[j], v1: false);
                ended[j] = next is null;
                if (!Add(results, next ?? new VarBind(cursors[j], SnmpValue.EndOfMibView), budget))
                {
                    return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, results);
                }

                cursors[j] = next?.Oid ?? cursors[j];
            }
        }

        return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, results);
    }

    /// <summary>RFC 3416 §4.2.5; the MIB applies all bindings or none. A read community gets noAccess.</summary>
    private SnmpPdu Set(SnmpPdu pdu, bool v1, CommunityAccess access, ResponseBudget budget)
    {
        if (access != CommunityAccess.ReadWrite)
        {
            return Error(pdu, v1 ? SnmpErrorStatus.NoSuchName : SnmpErrorStatus.NoAccess, pdu.VarBinds.Count > 0 ? 1 : 0);
        }

        if (!pdu.VarBinds.All(budget.TryAdd))
        {
            return TooBig(pdu);
        }

        if (pdu.VarBinds.Count == 0)
        {
            return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, []);
        }

        var result = mib.Set(pdu.VarBinds);
        if (result.Status == SnmpErrorStatus.NoError)
        {
            return SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.NoError, 0, pdu.VarBinds);
        }

        var index = Math.Clamp(result.ErrorIndex, 0, pdu.VarBinds.Count);
        return Error(pdu, v1 ? SnmpV1ErrorMapping.ToV1(result.Status) : result.Status, index);
    }

    /// <summary>The next variable in the view; SNMPv1 skips Counter64 ones (RFC 2576 §4.2.2.1).
    /// A MIB that does not move forward ends the view instead of looping a walker forever.</summary>
    private VarBind? Next(ObjectIdentifier oid, bool v1)
    {
        var current = oid;
        while (true)
        {
            var next = mib.GetNext(current);
            if (next is null || next.Oid.CompareTo(current) <= 0)
            {
                return null;
            }

            if (!v1 || SnmpValueCodec.IsV1Compatible(next.Value))
            {
                return next;
            }

            current = next.Oid;
        }
    }

    private static bool Add(List<VarBind> results, VarBind varBind, ResponseBudget budget)
    {
        if (results.Count >= SnmpCodecLimits.MaxVarBinds || !budget.TryAdd(varBind))
        {
            return false;
        }

        results.Add(varBind);
        return true;
    }

    private static SnmpPdu Error(SnmpPdu request, SnmpErrorStatus status, int index) =>
        SnmpPdu.Response(request.RequestId, status, index, request.VarBinds);

    /// <summary>RFC 3416 §4.2.1: tooBig, error-index zero, empty bindings.</summary>
    private static SnmpPdu TooBig(SnmpPdu request) => SnmpPdu.Response(request.RequestId, SnmpErrorStatus.TooBig, 0, []);
}
