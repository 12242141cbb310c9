using SpeedUp.Testing;
namespace SpeedUp.Benchmarks;

/// <summary>Checks that no line of the simulators was left away from its base (plan) rates.</summary>
internal static class BaseRateCheck
{
    /// <returns>True when every line is at its base rates.</returns>
    public static bool Print(string when, CarrierSimulators networks)
    {
        var lines = networks.Both.SelectMany(simulator => simulator.State.Lines).ToArray();
        var off = lines.Where(line => !line.AtBaseRates).ToArray();
        Report.KeyValue(
            $"base-rate check ({when})",
            off.Length == 0 ? $"OK: all {lines.Length} lines at base rates" : $"FAILED: {off.Length} of {lines.Length} lines away from base");
        foreach (var line in off)
        {
            Report.Line($"    band {line.BandId} {line.Account}: up {line.UpKbps}/{line.BaseUpKbps}, down {line.DownKbps}/{line.BaseDownKbps} kbit/s (current/base)");
        }

        return off.Length == 0;
    }
}
