namespace SpeedUp.Core.Sessions;

/// <summary>A request to speed up one direction of a line, as received (validated by the service).</summary>
public sealed record StartSpeedUpCommand(
    string? IpAddress, int Port, long BandId, int Direction, int TargetBandwidthMbps, string? Scene, int DurationMinutes,
    string? ClientRequestId = null);
