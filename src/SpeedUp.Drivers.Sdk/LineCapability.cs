namespace SpeedUp.Drivers;

/// <summary>What the physical line and the subscriber's plan allow.</summary>
/// <param name="MaxUpKbps">Highest upstream rate the line can carry, kbit/s.</param>
/// <param name="MaxDownKbps">Highest downstream rate the line can carry, kbit/s.</param>
/// <param name="SpeedUpPermitted">False when the carrier forbids speed-up on this line (e.g. business or suspended accounts).</param>
public readonly record struct LineCapability(long MaxUpKbps, long MaxDownKbps, bool SpeedUpPermitted)
{
    /// <summary>The ceiling of one direction.</summary>
    public long MaxOf(Direction direction) => direction == Direction.Up ? MaxUpKbps : MaxDownKbps;
}
