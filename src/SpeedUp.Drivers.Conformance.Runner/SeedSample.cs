using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// The kit's test lines taken from a seed: the known line (speed-up permitted, alone on its address, the lowest band id)
/// and a CGNAT sample (the first address holding several lines: the second line's block, and a port outside every block).
/// </summary>
public sealed record SeedSample(ConformanceLine KnownLine, CgnatSample Cgnat, string Province)
{
    /// <summary>Picks the samples of the seed file <paramref name="seedPath"/>.</summary>
    /// <exception cref="InvalidOperationException">The seed lacks such a line or CGNAT address (the message says what to add).</exception>
    public static SeedSample From(string seedPath)
    {
        var lines = BrasState.FromSeedFile(seedPath).Lines;
        var byAddress = lines.GroupBy(line => line.IpAddress).ToDictionary(group => group.Key, group => group.OrderBy(line => line.PortFirst).ToList());
        var known = lines.Where(line => line.SpeedUpPermitted && byAddress[line.IpAddress].Count == 1).OrderBy(line => line.BandId).FirstOrDefault()
            ?? throw new InvalidOperationException($"Seed {seedPath} holds no line with speedUpPermitted alone on its address: the kit needs one as its test line.");
        var shared = byAddress.Values.Where(group => group.Count >= 2).OrderBy(group => group[0].BandId).FirstOrDefault()
            ?? throw new InvalidOperationException($"Seed {seedPath} holds no address shared by several lines (CGNAT port blocks): the kit needs one.");
        var expected = shared[1];
        var outside = PortOutside(shared)
            ?? throw new InvalidOperationException($"Seed {seedPath}: the blocks of {shared[0].IpAddress} cover every port; leave one port outside them.");
        return new SeedSample(
            new ConformanceLine(new LineReference(known.BandId, known.Account), known.IpAddress, known.ContainsPort(443) ? 443 : known.PortFirst),
            new CgnatSample(expected.IpAddress, expected.PortFirst + ((expected.PortLast - expected.PortFirst) / 2), new LineReference(expected.BandId, expected.Account), outside),
            known.Province);
    }

    private static int? PortOutside(IReadOnlyList<SubscriberLineState> blocks)
    {
        foreach (var candidate in new[] { 80, 5000, 65535, 0 })
        {
            if (!blocks.Any(line => line.ContainsPort(candidate)))
            {
                return candidate;
            }
        }

        for (var port = 1; port < 65535; port++)
        {
            if (!blocks.Any(line => line.ContainsPort(port)))
            {
                return port;
            }
        }

        return null;
    }
}
