namespace SpeedUp.Drivers;

/// <summary>Result of a health probe.</summary>
/// <param name="Healthy">Whether the equipment answered as expected.</param>
/// <param name="Detail">What was observed (never contains secrets).</param>
/// <param name="Latency">How long the probe took.</param>
public sealed record DriverHealth(bool Healthy, string Detail, TimeSpan Latency);
