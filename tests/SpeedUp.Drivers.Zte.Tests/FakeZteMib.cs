using System.Net;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>An in-test implementation of the ZTE-style MIB of docs/simulator.md.</summary>
internal sealed class FakeZteMib : ISnmpMib
{
    private static readonly ObjectIdentifier Entry = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.1.1");
    private static readonly ObjectIdentifier ByAddr = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.2.1.1");
    private readonly Lock _lock = new();
    private readonly List<FakeLine> _lines = [];

    public int SetCalls { get; private set; }

    /// <summary>When true, SETs answer noError without changing anything (a device that lies).</summary>
    public bool IgnoreRateSets { get; set; }

    public FakeZteMib Add(FakeLine line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }

        return this;
    }

    public FakeLine Line(int bandId)
    {
        lock (_lock)
        {
            return _lines.Single(l => l.BandId == bandId);
        }
    }

    public SnmpValue Get(ObjectIdentifier oid)
    {
        var table = Snapshot();
        return table.TryGetValue(oid, out var value) ? value
            : oid.StartsWith(Entry) || oid.StartsWith(ByAddr) ? SnmpValue.NoSuchInstance : SnmpValue.NoSuchObject;
    }

    public VarBind? GetNext(ObjectIdentifier oid)
    {
        foreach (var (key, value) in Snapshot())
        {
            if (key.CompareTo(oid) > 0)
            {
                return new VarBind(key, value);
            }
        }

        return null;
    }

    public SnmpSetResult Set(IReadOnlyList<VarBind> bindings)
    {
        lock (_lock)
        {
            SetCalls++;
            var changes = new List<(FakeLine Line, uint Column, uint Rate)>();
            for (var i = 0; i < bindings.Count; i++)
            {
                var components = bindings[i].Oid.Components;
                var line = bindings[i].Oid.StartsWith(Entry) && components.Count == Entry.Components.Count + 2
                    ? _lines.SingleOrDefault(l => l.BandId == components[^1])
                    : null;
                if (line is null)
                {
                    return new SnmpSetResult(SnmpErrorStatus.NoCreation, i + 1);
                }

                var column = components[^2];
                if (column is not (5 or 6))
                {
                    return new SnmpSetResult(SnmpErrorStatus.NotWritable, i + 1);
                }

                long? rate = bindings[i].Value switch { SnmpGauge32 g => g.Value, SnmpInteger n => n.Value, _ => null };
                if (rate is null)
                {
                    return new SnmpSetResult(SnmpErrorStatus.WrongType, i + 1);
                }

                if (rate < 64 || rate > (column == 5 ? line.MaxUpKbps : line.MaxDownKbps))
                {
                    return new SnmpSetResult(SnmpErrorStatus.WrongValue, i + 1);
                }

                changes.Add((line, column, (uint)rate));
            }

            foreach (var (line, column, rate) in changes.Where(_ => !IgnoreRateSets))
            {
                if (column == 5)
                {
                    line.UpKbps = rate;
                }
                else
                {
                    line.DownKbps = rate;
                }
            }

            return SnmpSetResult.Success;
        }
    }

    private SortedDictionary<ObjectIdentifier, SnmpValue> Snapshot()
    {
        var table = new SortedDictionary<ObjectIdentifier, SnmpValue>
        {
            [ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0")] = SnmpOctetString.FromString("Fake ZTE BRAS"),
            [ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0")] = new SnmpTimeTicks(360_000),
            [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0")] = SnmpOctetString.FromString("CU-BRAS-01"),
        };
        lock (_lock)
        {
            foreach (var line in _lines)
            {
                var id = (uint)line.BandId;
                table[Entry.Append(1, id)] = SnmpOctetString.FromString(line.Account);
                table[Entry.Append(2, id)] = new SnmpIpAddress(line.Ip);
                table[Entry.Append(3, id)] = new SnmpInteger(line.PortFirst);
                table[Entry.Append(4, id)] = new SnmpInteger(line.PortLast);
                table[Entry.Append(5, id)] = new SnmpGauge32(line.UpKbps);
                table[Entry.Append(6, id)] = new SnmpGauge32(line.DownKbps);
                table[Entry.Append(7, id)] = new SnmpGauge32(line.MaxUpKbps);
                table[Entry.Append(8, id)] = new SnmpGauge32(line.MaxDownKbps);
                table[Entry.Append(9, id)] = new SnmpInteger(line.SpeedUpPermitted ? 1 : 2);
                var b = line.Ip.GetAddressBytes();
                table[ByAddr.Append(b[0], b[1], b[2], b[3], (uint)line.PortLast)] = new SnmpInteger(line.BandId);
            }
        }

        return table;
    }
}

/// <summary>One subscriber row of the fake MIB.</summary>
internal sealed class FakeLine(int bandId, string account, string ip, int portFirst, int portLast)
{
    public int BandId { get; } = bandId;

    public string Account { get; } = account;

    public IPAddress Ip { get; } = IPAddress.Parse(ip);

    public int PortFirst { get; } = portFirst;

    public int PortLast { get; } = portLast;

    public uint UpKbps { get; set; } = 4000;

    public uint DownKbps { get; set; } = 50000;

    public uint MaxUpKbps { get; set; } = 20000;

    public uint MaxDownKbps { get; set; } = 200000;

    public bool SpeedUpPermitted { get; set; } = true;
}
