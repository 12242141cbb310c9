namespace SpeedUp.Core.Sessions;

/// <summary>A request to add minutes to the active speed-up of one direction of a line, as received.</summary>
public sealed record ExtendSpeedUpCommand(string? IpAddress, int Port, long BandId, int Direction, int AdditionalMinutes, string? ClientRequestId);
