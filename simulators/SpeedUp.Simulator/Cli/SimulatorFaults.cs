namespace SpeedUp.Simulator;

/// <summary>
/// Faults injected into the CLI face, for driver tests: added latency before each command is answered,
/// and a one-shot "drop the connection on the next command". Thread-safe; shared by every CLI session.
/// </summary>
public sealed class SimulatorFaults
{
    private long _latencyTicks;
    private int _dropNext;

    /// <summary>Delay added before answering each non-empty CLI command.</summary>
    public TimeSpan CommandLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>True while a drop is armed and not yet consumed.</summary>
    public bool DropArmed => Volatile.Read(ref _dropNext) == 1;

    /// <summary>The next non-empty command received by any CLI session closes that session without an answer.</summary>
    public void DropConnectionOnNextCommand() => Interlocked.Exchange(ref _dropNext, 1);

    /// <summary>Consumes an armed drop; true when the caller must drop its connection.</summary>
    public bool TryConsumeDrop() => Interlocked.Exchange(ref _dropNext, 0) == 1;

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        CommandLatency = TimeSpan.Zero;
        Interlocked.Exchange(ref _dropNext, 0);
    }
}
