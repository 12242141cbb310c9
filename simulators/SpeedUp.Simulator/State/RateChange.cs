namespace SpeedUp.Simulator;

/// <summary>One requested rate change. <paramref name="Kbps"/> is a long so out-of-range requests can be rejected, not truncated.</summary>
public readonly record struct RateChange(int BandId, RateDirection Direction, long Kbps);
