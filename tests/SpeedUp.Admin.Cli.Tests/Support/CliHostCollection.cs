using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Support;

/// <summary>
/// The tests that run the tool against the service in process share the simulators (whose lines they assert on) and set
/// process-wide environment variables for the service's secrets: they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliHostCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "admin cli against the in-process host";
}
