using SpeedUp.Simulator;
using Xunit;

namespace SpeedUp.Testing;

/// <summary>The simulated carrier networks (real sshd, real SNMP agent), started once per test collection that shares them.</summary>
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

    /// <summary>Puts every Telecom line back at its base rates and clears the faults: the next test finds the device as seeded.</summary>
    public async Task ResetTelecomAsync()
    {
        foreach (var line in Telecom.State.Lines.Where(l => !l.AtBaseRates))
        {
            Telecom.State.SetRates(
                [new RateChange(line.BandId, RateDirection.Up, line.BaseUpKbps), new RateChange(line.BandId, RateDirection.Down, line.BaseDownKbps)],
                CommandFace.Control, "test clean-up");
        }

        await Telecom.ClearFaultsAsync(CancellationToken.None);
    }
}
