namespace SpeedUp.Benchmarks;

/// <summary>A seeded line the service can speed up downstream: where to reach it and the tier to ask for.</summary>
internal sealed record ServiceLine(string Carrier, string IpAddress, int Port, long BandId, int TargetMbps)
{
    public override string ToString() => $"{Carrier} {IpAddress}:{Port} band {BandId} DOWN {TargetMbps} Mbps";
}
