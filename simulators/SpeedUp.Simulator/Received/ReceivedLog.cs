using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>
/// Everything the simulator's faces received — every CLI line of every session, every SNMP request, every
/// authenticated CoA/Disconnect request — in a bounded ring
/// per face (the oldest entries go first; <see cref="Dropped"/> counts them). Unlike the audit log (state changes only),
/// it shows what reached the device that changed nothing: a <c>display …</c>, a <c>system-view</c>, a stray line, a GET.
/// Thread-safe.
/// </summary>
public sealed class ReceivedLog
{
    private readonly Lock _gate = new();
    private readonly Queue<ReceivedInput> _cli = new();
    private readonly Queue<ReceivedInput> _snmp = new();
    private readonly Queue<ReceivedInput> _coa = new();
    private readonly TimeProvider _time;
    private long _sequence;
    private long _dropped;

    /// <summary>Creates an empty log keeping at most <paramref name="capacityPerFace"/> entries per face.</summary>
    public ReceivedLog(int capacityPerFace, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerFace, 1);
        CapacityPerFace = capacityPerFace;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Most entries kept per face.</summary>
    public int CapacityPerFace { get; }

    /// <summary>The sequence number of the latest entry (0 before the first): pass it to <see cref="Since"/> later.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>How many entries were pushed out of a full ring.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Every entry kept, oldest first (both faces interleaved by sequence).</summary>
    public IReadOnlyList<ReceivedInput> All => Since(0);

    /// <summary>The entries with a sequence above <paramref name="sequence"/>, oldest first; only <paramref name="face"/>'s when given.</summary>
    public IReadOnlyList<ReceivedInput> Since(long sequence, CommandFace? face = null)
    {
        lock (_gate)
        {
            var faces = face switch
            {
                CommandFace.Cli => _cli,
                CommandFace.Snmp => _snmp,
                CommandFace.Coa => _coa,
                null => _cli.Concat(_snmp).Concat(_coa),
                _ => [],
            };
            return [.. faces.Where(e => e.Sequence > sequence).OrderBy(e => e.Sequence)];
        }
    }

    /// <summary>Records a CLI line received by VTY <paramref name="session"/>.</summary>
    public void RecordCliLine(string line, int session) => Add(_cli, CommandFace.Cli, line, "vty " + session);

    /// <summary>Records an SNMP request (the agent's observer).</summary>
    public void RecordSnmpRequest(SnmpReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = $"{request.Version} from {request.Remote}" + (request.SecurityName is { } user ? $" user {user}" : "") + (request.Accepted ? "" : " (wrong community)");
        Add(_snmp, CommandFace.Snmp, request.ToString(), origin);
    }

    /// <summary>
    /// Records a CoA-Request or Disconnect-Request that passed the face's authenticator checks, in the CoA driver's
    /// dry-run notation (<c>COA User-Name="…" Huawei-Output-Average-Rate=…</c>, <see cref="SpeedUp.Protocols.Radius.RadiusRequestText"/>).
    /// </summary>
    public void RecordCoaRequest(string text, string origin) => Add(_coa, CommandFace.Coa, text, origin);

    private void Add(Queue<ReceivedInput> ring, CommandFace face, string text, string origin)
    {
        lock (_gate)
        {
            if (ring.Count == CapacityPerFace)
            {
                ring.Dequeue();
                _dropped++;
            }

            ring.Enqueue(new ReceivedInput(++_sequence, _time.GetUtcNow(), face, text, origin));
        }
    }
}
