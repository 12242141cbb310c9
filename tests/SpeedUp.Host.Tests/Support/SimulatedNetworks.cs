using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Support;

/// <summary>The simulated carrier networks (real sshd, real SNMP agent), started once for the in-process host tests.</summary>
public sealed class SimulatedNetworks : IAsyncLifetime
{
    private CarrierSimulators? _simulators;

    public CarrierSimulators Simulators => _simulators ?? throw new InvalidOperationException("Not started.");

    public BrasSimulator Telecom => Simulators.Telecom;

    public BrasSimulator Unicom => Simulators.Unicom;

    public string StateDirectory => Simulators.StateDirectory;

    public static implicit operator CarrierSimulators(SimulatedNetworks networks) => networks.ToCarrierSimulators();

    public CarrierSimulators ToCarrierSimulators() => Simulators;

    public async ValueTask InitializeAsync() => _simulators = await CarrierSimulators.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_simulators is not null)
        {
            await _simulators.DisposeAsync();
        }
    }
}

/// <summary>
/// The in-process host tests share the simulators (whose lines and audit logs they assert on) and set process-wide
/// environment variables for the secrets they configure: they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessHostCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "in-process host";
}
