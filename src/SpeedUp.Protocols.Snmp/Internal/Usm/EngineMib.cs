namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// The agent's MIB as SNMPv3 requests see it: the application's MIB plus the snmpEngine group
/// (SNMP-FRAMEWORK-MIB, RFC 3411 §5, 1.3.6.1.6.3.10.2.1) and usmStats (RFC 3414 §5, 1.3.6.1.6.3.15.1.1), read-only.
/// </summary>
internal sealed class EngineMib(ISnmpMib inner, UsmAgentEngine engine) : ISnmpMib
{
    private static readonly ObjectIdentifier EngineIdOid = ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.1.0");
    private static readonly ObjectIdentifier EngineBootsOid = ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.2.0");
    private static readonly ObjectIdentifier EngineTimeOid = ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.3.0");
    private static readonly ObjectIdentifier EngineMaxMessageSizeOid = ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.4.0");
    private static readonly ObjectIdentifier[] Oids =
        [EngineIdOid, EngineBootsOid, EngineTimeOid, EngineMaxMessageSizeOid, .. UsmStatsCounters.Oids];

    public SnmpValue Get(ObjectIdentifier oid) => Own(oid) ?? inner.Get(oid);

    public VarBind? GetNext(ObjectIdentifier oid)
    {
        var fromInner = inner.GetNext(oid);
        foreach (var own in Oids)
        {
            if (own.CompareTo(oid) > 0 && (fromInner is null || own.CompareTo(fromInner.Oid) < 0))
            {
                return new VarBind(own, Own(own)!);
            }
        }

        return fromInner;
    }

    public SnmpSetResult Set(IReadOnlyList<VarBind> bindings)
    {
        for (var i = 0; i < bindings.Count; i++)
        {
            if (Own(bindings[i].Oid) is not null)
            {
                return new SnmpSetResult(SnmpErrorStatus.NotWritable, i + 1);
            }
        }

        return inner.Set(bindings);
    }

    private SnmpValue? Own(ObjectIdentifier oid)
    {
        if (oid == EngineIdOid)
        {
            return new SnmpOctetString(engine.EngineId);
        }

        if (oid == EngineBootsOid)
        {
            return new SnmpInteger(engine.Boots);
        }

        if (oid == EngineTimeOid)
        {
            return new SnmpInteger(engine.Time);
        }

        if (oid == EngineMaxMessageSizeOid)
        {
            return new SnmpInteger(engine.MaxMessageSize);
        }

        return UsmStatsCounters.Oids.Contains(oid) ? new SnmpCounter32(engine.Counters.Read(oid)) : null;
    }
}
