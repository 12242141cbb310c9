using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>The end-to-end tests share one pair of simulated networks and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "end-to-end";
}
