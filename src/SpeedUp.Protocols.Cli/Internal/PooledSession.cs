namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>One session of a <see cref="CliSessionPool"/> and when it was last used or probed.</summary>
internal sealed class PooledSession(CliChannel channel, TimeProvider time)
{
    public CliChannel Channel { get; } = channel;

    public long LastUsed { get; private set; } = time.GetTimestamp();

    public long LastProbed { get; private set; } = time.GetTimestamp();

    public TimeSpan IdleFor => time.GetElapsedTime(LastUsed);

    public TimeSpan UnprobedFor => time.GetElapsedTime(Math.Max(LastUsed, LastProbed));

    public void MarkUsed() => LastUsed = time.GetTimestamp();

    public void MarkProbed() => LastProbed = time.GetTimestamp();
}
