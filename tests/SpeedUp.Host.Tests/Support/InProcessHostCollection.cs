using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Support;

/// <summary>
/// The in-process host tests share the simulators (whose lines and audit logs they assert on) and set process-wide
/// environment variables for the secrets they configure: they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessHostCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "in-process host";
}
