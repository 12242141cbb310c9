namespace SpeedUp.Core.Sessions;

/// <summary>A request to end the speed-up of one direction of a line, as received.</summary>
public sealed record StopSpeedUpCommand(string? IpAddress, int Port, long BandId, int Direction);
