namespace SpeedUp.Drivers;

/// <summary>The rates a subscriber line is shaped to right now, in kbit/s (1 Mbit/s = 1000 kbit/s).</summary>
public readonly record struct LineRates(long UpKbps, long DownKbps)
{
    /// <summary>The rate of one direction.</summary>
    public long Of(Direction direction) => direction == Direction.Up ? UpKbps : DownKbps;
}
