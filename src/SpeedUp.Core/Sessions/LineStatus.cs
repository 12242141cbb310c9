namespace SpeedUp.Core.Sessions;

/// <summary>The latest session of each direction of a line (null when none was ever started).</summary>
public sealed record LineStatus(long BandId, SpeedUpSession? Up, SpeedUpSession? Down);
