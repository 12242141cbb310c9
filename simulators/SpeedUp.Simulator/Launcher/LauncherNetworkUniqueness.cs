using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>Refuses two networks with one name, and one port number given twice (any of snmpPort, sshPort, coaPort, across all networks).</summary>
internal static class LauncherNetworkUniqueness
{
    /// <exception cref="InvalidOperationException">A name or a port is used twice; the message names both places.</exception>
    public static void Check(IReadOnlyList<LauncherNetworkSource> networks)
    {
        var names = new Dictionary<string, LauncherNetworkSource>(StringComparer.Ordinal);
        var ports = new Dictionary<int, (string Key, LauncherNetworkSource Source)>();
        foreach (var source in networks)
        {
            var network = source.Network;
            if (names.TryGetValue(network.Name, out var first))
            {
                throw new InvalidOperationException($"Network name '{network.Name}' is used twice: in {first.Origin} and in {source.Origin}.");
            }

            names[network.Name] = source;
            foreach (var (key, port) in Ports(network))
            {
                if (ports.TryGetValue(port, out var other))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"Port {port} is used twice: {other.Key} of network '{other.Source.Network.Name}' ({other.Source.Origin}) and {key} of network '{network.Name}' ({source.Origin})."));
                }

                ports[port] = (key, source);
            }
        }
    }

    private static IEnumerable<(string Key, int Port)> Ports(LauncherNetworkConfig network)
    {
        yield return ("snmpPort", network.SnmpPort);
        if (network.SshPort is { } ssh)
        {
            yield return ("sshPort", ssh);
        }

        if (network.CoaPort is { } coa)
        {
            yield return ("coaPort", coa);
        }
    }
}
