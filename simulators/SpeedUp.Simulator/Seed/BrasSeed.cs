namespace SpeedUp.Simulator;

/// <summary>A validated seed: the hostname and the lines at their base rates.</summary>
public sealed record BrasSeed(string Hostname, IReadOnlyList<SubscriberLineState> Lines);
