using System.Diagnostics;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>One session of a <see cref="CliSessionPool"/> and when it was last used or probed.</summary>
internal sealed class PooledSession(CliChannel channel)
{
    public CliChannel Channel { get; } = channel;

    public long LastUsed { get; private set; } = Stopwatch.GetTimestamp();

    public long LastProbed { get; private set; } = Stopwatch.GetTimestamp();

    public TimeSpan IdleFor => Stopwatch.GetElapsedTime(LastUsed);

    public TimeSpan UnprobedFor => Stopwatch.GetElapsedTime(Math.Max(LastUsed, LastProbed));

    public void MarkUsed() => LastUsed = Stopwatch.GetTimestamp();

    public void MarkProbed() => LastProbed = Stopwatch.GetTimestamp();
}
