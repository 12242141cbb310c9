using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Benchmarks.Snmp;

/// <summary>A small in-memory MIB for our agent: the system group and the benchmark's SET target, both writable.</summary>
internal sealed class BenchMib : ISnmpMib
{
    private readonly Lock _lock = new();
    private readonly SortedList<ObjectIdentifier, SnmpValue> _values = new()
    {
        [ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0")] = SnmpOctetString.FromString("SpeedUp benchmark agent"),
        [ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0")] = new SnmpTimeTicks(12345),
        [ObjectIdentifier.Parse("1.3.6.1.2.1.1.4.0")] = SnmpOctetString.FromString("ops"),
        [SnmpBenchmark.SysName] = SnmpOctetString.FromString("bench"),
        [ObjectIdentifier.Parse("1.3.6.1.2.1.1.6.0")] = SnmpOctetString.FromString("lab"),
        [SnmpBenchmark.SetTarget] = new SnmpInteger(0),
    };

    public SnmpValue Get(ObjectIdentifier oid)
    {
        lock (_lock)
        {
            return _values.TryGetValue(oid, out var value) ? value : SnmpValue.NoSuchObject;
        }
    }

    public VarBind? GetNext(ObjectIdentifier oid)
    {
        lock (_lock)
        {
            foreach (var (key, value) in _values)
            {
                if (key > oid)
                {
                    return new VarBind(key, value);
                }
            }

            return null;
        }
    }

    public SnmpSetResult Set(IReadOnlyList<VarBind> bindings)
    {
        lock (_lock)
        {
            for (var i = 0; i < bindings.Count; i++)
            {
                if (bindings[i].Oid != SnmpBenchmark.SysName && bindings[i].Oid != SnmpBenchmark.SetTarget)
                {
                    return new SnmpSetResult(_values.ContainsKey(bindings[i].Oid) ? SnmpErrorStatus.NotWritable : SnmpErrorStatus.NoCreation, i + 1);
                }

                if (bindings[i].Value.GetType() != _values[bindings[i].Oid].GetType())
                {
                    return new SnmpSetResult(SnmpErrorStatus.WrongType, i + 1);
                }
            }

            foreach (var binding in bindings)
            {
                _values[binding.Oid] = binding.Value;
            }

            return SnmpSetResult.Success;
        }
    }
}
