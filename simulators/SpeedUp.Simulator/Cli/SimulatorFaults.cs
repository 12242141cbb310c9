namespace SpeedUp.Simulator;

/// <summary>
/// Faults injected into the CLI face, for driver tests: added latency before each command is answered, a
/// per-line output delay, paging forced on, garbled output lines and a one-shot "drop the connection on the
/// next command". Thread-safe; shared by every CLI session. The SSH-level faults (refused logins, a new host
/// key) live on <see cref="OpenSshFront"/>.
/// </summary>
public sealed class SimulatorFaults
{
    private long _latencyTicks;
    private long _lineDelayTicks;
    private int _dropNext;
    private int _forcePaging;
    private int _garble;

    /// <summary>Delay added before answering each non-empty CLI command.</summary>
    public TimeSpan CommandLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Delay before each output line of a command (slow output).</summary>
    public TimeSpan LineDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _lineDelayTicks));
        set => Interlocked.Exchange(ref _lineDelayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When true, paging stays on (default page length) whatever the session asked for.</summary>
    public bool ForcePaging
    {
        get => Volatile.Read(ref _forcePaging) == 1;
        set => Interlocked.Exchange(ref _forcePaging, value ? 1 : 0);
    }

    /// <summary>How output lines are garbled.</summary>
    public GarbleMode Garble
    {
        get => (GarbleMode)Volatile.Read(ref _garble);
        set => Interlocked.Exchange(ref _garble, (int)value);
    }

    /// <summary>True while a drop is armed and not yet consumed.</summary>
    public bool DropArmed => Volatile.Read(ref _dropNext) == 1;

    /// <summary>The next non-empty command received by any CLI session closes that session without an answer.</summary>
    public void DropConnectionOnNextCommand() => Interlocked.Exchange(ref _dropNext, 1);

    /// <summary>Consumes an armed drop; true when the caller must drop its connection.</summary>
    public bool TryConsumeDrop() => Interlocked.Exchange(ref _dropNext, 0) == 1;

    /// <summary>The page length a session uses: its own, or the default when paging is forced on.</summary>
    internal int EffectivePageLength(int sessionPageLength) =>
        ForcePaging && sessionPageLength <= 0 ? CliSessionContext.DefaultPageLength : sessionPageLength;

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        CommandLatency = TimeSpan.Zero;
        LineDelay = TimeSpan.Zero;
        ForcePaging = false;
        Garble = GarbleMode.None;
        Interlocked.Exchange(ref _dropNext, 0);
    }
}
