namespace SpeedUp.Protocols.Snmp.Tests.Support;

/// <summary>An in-memory MIB: a sorted table of variables, some writable; SETs are all-or-nothing and type-checked.</summary>
internal sealed class TestMib : ISnmpMib
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<ObjectIdentifier, SnmpValue> _values = [];
    private readonly HashSet<ObjectIdentifier> _writable = [];

    public static ObjectIdentifier Root { get; } = ObjectIdentifier.Parse("1.3.6.1.4.1.99");

    public int GetCalls { get; private set; }

    public TestMib Add(string oid, SnmpValue value, bool writable = false)
    {
        var parsed = ObjectIdentifier.Parse(oid);
        lock (_lock)
        {
            _values[parsed] = value;
            if (writable)
            {
                _writable.Add(parsed);
            }
        }

        return this;
    }

    /// <summary>A MIB with one of each type under 1.3.6.1.4.1.99 plus sysDescr.</summary>
    public static TestMib CreateDefault() => new TestMib()
        .Add("1.3.6.1.2.1.1.1.0", SnmpOctetString.FromString("SpeedUp test agent"))
        .Add("1.3.6.1.4.1.99.1.0", new SnmpInteger(42), writable: true)
        .Add("1.3.6.1.4.1.99.2.0", SnmpOctetString.FromString("hello"), writable: true)
        .Add("1.3.6.1.4.1.99.3.0", new SnmpGauge32(1000), writable: true)
        .Add("1.3.6.1.4.1.99.4.0", new SnmpCounter32(7))
        .Add("1.3.6.1.4.1.99.5.0", new SnmpTimeTicks(12345))
        .Add("1.3.6.1.4.1.99.6.0", new SnmpIpAddress(System.Net.IPAddress.Parse("10.1.2.3")))
        .Add("1.3.6.1.4.1.99.7.0", new SnmpObjectIdentifierValue(ObjectIdentifier.Parse("1.3.6.1.4.1.99")))
        .Add("1.3.6.1.4.1.99.8.0", new SnmpCounter64(1UL << 40));

    public SnmpValue Get(ObjectIdentifier oid)
    {
        lock (_lock)
        {
            GetCalls++;
            if (_values.TryGetValue(oid, out var value))
            {
                return value;
            }

            return _values.Keys.Any(k => k.Components.Count == oid.Components.Count && k.StartsWith(Parent(oid)))
                ? SnmpValue.NoSuchInstance
                : SnmpValue.NoSuchObject;
        }
    }

    public VarBind? GetNext(ObjectIdentifier oid)
    {
        lock (_lock)
        {
            foreach (var (key, value) in _values)
            {
                if (key.CompareTo(oid) > 0)
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
                var (oid, value) = (bindings[i].Oid, bindings[i].Value);
                if (!_values.TryGetValue(oid, out var current))
                {
                    return new SnmpSetResult(SnmpErrorStatus.NoCreation, i + 1);
                }

                if (!_writable.Contains(oid))
                {
                    return new SnmpSetResult(SnmpErrorStatus.NotWritable, i + 1);
                }

                if (current.GetType() != value.GetType())
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

    private static ObjectIdentifier Parent(ObjectIdentifier oid) =>
        new(oid.Components.Take(Math.Max(2, oid.Components.Count - 1)).ToArray());
}
