using System.Net;

namespace SpeedUp.Simulator;

/// <summary>
/// The subscriber lines of one simulated BRAS, shared by the CLI and SNMP faces. Thread-safe: every
/// read returns an immutable snapshot; every change is atomic and recorded in <see cref="AuditLog"/>.
/// </summary>
public sealed class BrasState
{
    /// <summary>The lowest CIR the equipment accepts, in kbit/s.</summary>
    public const int MinimumRateKbps = 64;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<int, SubscriberLineState> _byBandId;
    private readonly Dictionary<string, int> _bandIdByAccount;
    private readonly Dictionary<IPAddress, int[]> _bandIdsByAddress;
    private readonly int[] _orderedBandIds;
    private readonly List<AuditEntry> _audit = [];

    public BrasState(string hostname, IEnumerable<SubscriberLineState> lines, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostname);
        Hostname = hostname;
        _time = time ?? TimeProvider.System;
        StartedAt = _time.GetUtcNow();
        _byBandId = [];
        _bandIdByAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!_byBandId.TryAdd(line.BandId, line))
            {
                throw new ArgumentException($"Duplicate band id {line.BandId}.", nameof(lines));
            }

            if (!_bandIdByAccount.TryAdd(line.Account, line.BandId))
            {
                throw new ArgumentException($"Duplicate account '{line.Account}'.", nameof(lines));
            }
        }

        _orderedBandIds = [.. _byBandId.Keys.Order()];
        _bandIdsByAddress = _byBandId.Values
            .GroupBy(l => l.IpAddress)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.PortFirst).Select(l => l.BandId).ToArray());
    }

    /// <summary>Loads and validates a seed file (see docs/simulator.md).</summary>
    public static BrasState FromSeedFile(string path, string? hostnameOverride = null, TimeProvider? time = null)
    {
        var seed = SeedLoader.LoadFile(path);
        return new BrasState(string.IsNullOrWhiteSpace(hostnameOverride) ? seed.Hostname : hostnameOverride, seed.Lines, time);
    }

    public string Hostname { get; }

    public DateTimeOffset StartedAt { get; }

    public TimeProvider TimeProvider => _time;

    /// <summary>A snapshot of every line, ordered by band id.</summary>
    public IReadOnlyList<SubscriberLineState> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _orderedBandIds.Select(id => _byBandId[id])];
            }
        }
    }

    /// <summary>A snapshot of the audit log, oldest first.</summary>
    public IReadOnlyList<AuditEntry> AuditLog
    {
        get
        {
            lock (_gate)
            {
                return [.. _audit];
            }
        }
    }

    public SubscriberLineState? FindByBandId(int bandId)
    {
        lock (_gate)
        {
            return _byBandId.GetValueOrDefault(bandId);
        }
    }

    public SubscriberLineState? FindByAccount(string account)
    {
        lock (_gate)
        {
            return _bandIdByAccount.TryGetValue(account, out var id) ? _byBandId[id] : null;
        }
    }

    /// <summary>Every line holding that address (several behind CGNAT), ordered by first port.</summary>
    public IReadOnlyList<SubscriberLineState> FindByIp(IPAddress address)
    {
        lock (_gate)
        {
            return _bandIdsByAddress.TryGetValue(address, out var ids) ? [.. ids.Select(id => _byBandId[id])] : [];
        }
    }

    /// <summary>The line whose port block on that address contains the port, if any.</summary>
    public SubscriberLineState? FindByIpAndPort(IPAddress address, int port) =>
        FindByIp(address).FirstOrDefault(l => l.ContainsPort(port));

    /// <summary>Sets one rate (checked against 64 kbit/s and the line capability) and audits the command.</summary>
    public RateChangeResult SetRate(RateChange change, CommandFace face, string command) =>
        SetRates([change], face, command);

    /// <summary>
    /// Applies every change or none: the first change that names an unknown line or an out-of-capability
    /// rate rejects the whole request. The command is audited either way.
    /// </summary>
    public RateChangeResult SetRates(IReadOnlyList<RateChange> changes, CommandFace face, string command)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            var result = Validate(changes);
            if (result.IsApplied)
            {
                foreach (var change in changes)
                {
                    var line = _byBandId[change.BandId];
                    _byBandId[change.BandId] = change.Direction == RateDirection.Up
                        ? line with { UpKbps = (int)change.Kbps }
                        : line with { DownKbps = (int)change.Kbps };
                }
            }

            Record(face, command, Describe(result));
            return result;
        }
    }

    /// <summary>Restores every line to its base rates, like an equipment reboot.</summary>
    public void Reboot(CommandFace face = CommandFace.Control, string command = "reboot")
    {
        lock (_gate)
        {
            foreach (var id in _orderedBandIds)
            {
                var line = _byBandId[id];
                _byBandId[id] = line with { UpKbps = line.BaseUpKbps, DownKbps = line.BaseDownKbps };
            }

            Record(face, command, "applied");
        }
    }

    private RateChangeResult Validate(IReadOnlyList<RateChange> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (!_byBandId.TryGetValue(change.BandId, out var line))
            {
                return new RateChangeResult(RateChangeStatus.UnknownLine, i);
            }

            if (change.Kbps < MinimumRateKbps || change.Kbps > line.MaxKbps(change.Direction))
            {
                return new RateChangeResult(RateChangeStatus.OutOfCapability, i);
            }
        }

        return RateChangeResult.Applied;
    }

    private static string Describe(RateChangeResult result) => result.Status switch
    {
        RateChangeStatus.Applied => "applied",
        RateChangeStatus.UnknownLine => "rejected: unknown line",
        _ => "rejected: out of line capability",
    };

    private void Record(CommandFace face, string command, string outcome) =>
        _audit.Add(new AuditEntry(_time.GetUtcNow(), face, command, outcome));

    /// <summary>Records a state-changing command that was rejected before reaching the state (e.g. unknown account).</summary>
    public void RecordRejected(CommandFace face, string command, string reason)
    {
        lock (_gate)
        {
            Record(face, command, "rejected: " + reason);
        }
    }
}
