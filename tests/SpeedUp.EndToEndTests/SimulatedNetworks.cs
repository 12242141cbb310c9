using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>The simulated carrier networks, started once for the end-to-end collection.</summary>
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

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "end-to-end";
}
