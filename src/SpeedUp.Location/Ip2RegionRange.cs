namespace SpeedUp.Location;

/// <summary>One range of the ip2region database: the addresses <paramref name="Start"/>..<paramref name="End"/> (host order, both inclusive) and their record.</summary>
public sealed record Ip2RegionRange(uint Start, uint End, Ip2RegionRecord Record);
