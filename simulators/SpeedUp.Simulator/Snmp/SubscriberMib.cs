using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>
/// The SNMP face over <see cref="BrasState"/>: the system group, the subscriber table and the by-address
/// lookup table of docs/simulator.md. The set of instances is fixed (lines are never added), so the sorted
/// OID list is built once; values are read from the live state on every request.
/// </summary>
public sealed class SubscriberMib : ISnmpMib
{
    private readonly BrasState _state;
    private readonly MibEntry[] _entries;
    private readonly Dictionary<ObjectIdentifier, MibEntry> _byOid;
    private readonly ObjectIdentifier[] _objectTypes;

    public SubscriberMib(BrasState state)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        var entries = new List<MibEntry>
        {
            new(MibOids.SysDescr, MibObject.SysDescr, 0),
            new(MibOids.SysUpTime, MibObject.SysUpTime, 0),
            new(MibOids.SysName, MibObject.SysName, 0),
        };
        foreach (var line in state.Lines)
        {
            for (uint column = 1; column <= 9; column++)
            {
                entries.Add(new MibEntry(MibOids.Column(column, line.BandId), (MibObject)column, line.BandId));
            }

            entries.Add(new MibEntry(MibOids.ByAddr(line.IpAddress, line.PortLast), MibObject.ByAddrBandId, line.BandId));
        }

        entries.Sort((a, b) => a.Oid.CompareTo(b.Oid));
        _entries = [.. entries];
        _byOid = _entries.ToDictionary(e => e.Oid);
        _objectTypes =
        [
            ObjectIdentifier.Parse("1.3.6.1.2.1.1.1"),
            ObjectIdentifier.Parse("1.3.6.1.2.1.1.3"),
            ObjectIdentifier.Parse("1.3.6.1.2.1.1.5"),
            .. Enumerable.Range(1, 9).Select(c => MibOids.SubscriberEntry.Append((uint)c)),
            MibOids.ByAddrBandId,
        ];
    }

    public SnmpValue Get(ObjectIdentifier oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        if (_byOid.TryGetValue(oid, out var entry))
        {
            return ValueOf(entry);
        }

        return _objectTypes.Any(oid.StartsWith) ? SnmpValue.NoSuchInstance : SnmpValue.NoSuchObject;
    }

    public VarBind? GetNext(ObjectIdentifier oid)
    {
        ArgumentNullException.ThrowIfNull(oid);
        var low = 0;
        var high = _entries.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_entries[mid].Oid.CompareTo(oid) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low < _entries.Length ? new VarBind(_entries[low].Oid, ValueOf(_entries[low])) : null;
    }

    public SnmpSetResult Set(IReadOnlyList<VarBind> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var command = "SET " + string.Join(", ", bindings.Select(b => b.Oid + " = " + b.Value));
        var changes = new List<RateChange>(bindings.Count);
        for (var i = 0; i < bindings.Count; i++)
        {
            var (status, change) = CheckBinding(bindings[i]);
            if (status != SnmpErrorStatus.NoError)
            {
                _state.RecordRejected(CommandFace.Snmp, command, status.ToString());
                return new SnmpSetResult(status, i + 1);
            }

            changes.Add(change);
        }

        var result = _state.SetRates(changes, CommandFace.Snmp, command);
        return result.Status switch
        {
            RateChangeStatus.Applied => SnmpSetResult.Success,
            RateChangeStatus.UnknownLine => new SnmpSetResult(SnmpErrorStatus.NoCreation, result.FailedIndex + 1),
            _ => new SnmpSetResult(SnmpErrorStatus.WrongValue, result.FailedIndex + 1),
        };
    }

    /// <summary>RFC 3416 §4.2.5 order: notWritable, wrongType, wrongValue (negative), noCreation; capability is checked by the state.</summary>
    private (SnmpErrorStatus Status, RateChange Change) CheckBinding(VarBind binding)
    {
        var c = binding.Oid.Components;
        var entry = MibOids.SubscriberEntry;
        var isRateColumn = binding.Oid.StartsWith(entry) && c.Count > entry.Components.Count
            && c[entry.Components.Count] is (uint)MibObject.UpRate or (uint)MibObject.DownRate;
        if (!isRateColumn)
        {
            return (SnmpErrorStatus.NotWritable, default);
        }

        long kbps;
        switch (binding.Value)
        {
            case SnmpGauge32 gauge:
                kbps = gauge.Value;
                break;
            case SnmpInteger integer:
                kbps = integer.Value;
                break;
            default:
                return (SnmpErrorStatus.WrongType, default);
        }

        if (kbps < 0)
        {
            return (SnmpErrorStatus.WrongValue, default);
        }

        if (c.Count != entry.Components.Count + 2 || c[^1] > int.MaxValue || _state.FindByBandId((int)c[^1]) is null)
        {
            return (SnmpErrorStatus.NoCreation, default);
        }

        var direction = c[entry.Components.Count] == (uint)MibObject.UpRate ? RateDirection.Up : RateDirection.Down;
        return (SnmpErrorStatus.NoError, new RateChange((int)c[^1], direction, kbps));
    }

    private SnmpValue ValueOf(MibEntry entry)
    {
        switch (entry.Object)
        {
            case MibObject.SysDescr:
                return SnmpOctetString.FromString(
                    "SpeedUp BRAS simulator " + _state.Hostname + ": VRP-style CLI, ZTE-style subscriber MIB (enterprises.3902.6051)");
            case MibObject.SysUpTime:
                var elapsed = _state.TimeProvider.GetUtcNow() - _state.StartedAt;
                return new SnmpTimeTicks((uint)((long)elapsed.TotalMilliseconds / 10 % ((long)uint.MaxValue + 1)));
            case MibObject.SysName:
                return SnmpOctetString.FromString(_state.Hostname);
        }

        var line = _state.FindByBandId(entry.BandId)
            ?? throw new InvalidOperationException("Band id " + entry.BandId + " vanished from the state.");
        return entry.Object switch
        {
            MibObject.Account => SnmpOctetString.FromString(line.Account),
            MibObject.IpAddress => new SnmpIpAddress(line.IpAddress),
            MibObject.PortFirst => new SnmpInteger(line.PortFirst),
            MibObject.PortLast => new SnmpInteger(line.PortLast),
            MibObject.UpRate => new SnmpGauge32((uint)line.UpKbps),
            MibObject.DownRate => new SnmpGauge32((uint)line.DownKbps),
            MibObject.MaxUp => new SnmpGauge32((uint)line.MaxUpKbps),
            MibObject.MaxDown => new SnmpGauge32((uint)line.MaxDownKbps),
            MibObject.SpeedUpPermitted => new SnmpInteger(line.SpeedUpPermitted ? 1 : 2),
            _ => new SnmpInteger(line.BandId),
        };
    }
}
