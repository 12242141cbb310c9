using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>
/// Reads simulators.json and the network files its <c>networkFiles</c> patterns match, checks every network (names and
/// ports unique across all of them) and turns each into <see cref="BrasSimulatorOptions"/>: the config's
/// <c>networks</c> first, then the files sorted by name.
/// </summary>
public static partial class LauncherConfigLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<(string Name, BrasSimulatorOptions Options)> Load(string configPath) => LoadPlan(configPath).Networks;

    /// <summary>The networks and the control endpoint's port (0 = off) of a launcher config.</summary>
    public static LauncherPlan LoadPlan(string configPath)
    {
        var full = Path.GetFullPath(configPath);
        if (!File.Exists(full))
        {
            throw new InvalidOperationException($"Launcher config '{full}' does not exist.");
        }

        LauncherConfig config;
        try
        {
            config = JsonSerializer.Deserialize<LauncherConfig>(File.ReadAllText(full), JsonOptions)
                ?? throw new InvalidOperationException($"Launcher config '{full}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Launcher config '{full}' is not valid: {ex.Message}", ex);
        }

        var baseDirectory = Path.GetDirectoryName(full)!;
        if (config.ControlPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Launcher config '{full}': controlPort must be between 0 (off) and 65535.");
        }

        var networks = new List<LauncherNetworkSource>();
        networks.AddRange(config.Networks.Select(n => new LauncherNetworkSource(n, baseDirectory, $"launcher config '{full}'")));
        networks.AddRange(LauncherNetworkFiles.Find(config.NetworkFiles, baseDirectory).Select(f => LauncherNetworkFiles.Read(f, JsonOptions)));
        if (networks.Count == 0)
        {
            throw new InvalidOperationException($"Launcher config '{full}' lists no networks (neither in networks nor in files matching networkFiles).");
        }

        var stateRoot = Path.GetFullPath(config.StateDirectory, baseDirectory);
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<(string, BrasSimulatorOptions)>();
        foreach (var source in networks)
        {
            Validate(source);
            var network = source.Network;
            if (network.SshPort is not null && passwords.TryGetValue(network.SshUser, out var other) && other != network.SshPassword)
            {
                throw new InvalidOperationException(
                    $"Network '{network.Name}': user '{network.SshUser}' already has another password; one system user has one password ({source.Origin}).");
            }

            passwords[network.SshUser] = network.SshPassword;
        }

        LauncherNetworkUniqueness.Check(networks);
        foreach (var source in networks)
        {
            result.Add((source.Network.Name, ToOptions(source.Network, source.BaseDirectory, stateRoot)));
        }

        return new LauncherPlan(result, config.ControlPort);
    }

    /// <summary>
    /// The dialect with a <c>profile:</c> path resolved against <paramref name="baseDirectory"/>; other names unchanged.
    /// </summary>
    internal static string ResolveDialect(string dialect, string baseDirectory) =>
        dialect.StartsWith(CliDialects.ProfilePrefix, StringComparison.Ordinal)
            ? CliDialects.ProfilePrefix + Path.GetFullPath(dialect[CliDialects.ProfilePrefix.Length..], baseDirectory)
            : dialect;

    private static void Validate(LauncherNetworkSource source)
    {
        var network = source.Network;
        if (!NamePattern().IsMatch(network.Name))
        {
            throw new InvalidOperationException($"Network name '{network.Name}' must match [a-z0-9-]{{1,32}} ({source.Origin}).");
        }

        if (network.SnmpPort is < 1 or > 65535 || network.SshPort is < 1 or > 65535 || network.CoaPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Network '{network.Name}': ports must be between 1 and 65535 ({source.Origin}).");
        }

        if (network.CoaPort is not null && string.IsNullOrEmpty(network.CoaSecret))
        {
            throw new InvalidOperationException($"Network '{network.Name}': coaPort needs coaSecret ({source.Origin}).");
        }

        if (!CliDialects.IsKnown(ResolveDialect(network.CliDialect, source.BaseDirectory)))
        {
            throw new InvalidOperationException(
                $"Network '{network.Name}': cliDialect '{network.CliDialect}' is unknown ({source.Origin}); expected {CliDialects.Expected()} (a relative path is resolved against '{source.BaseDirectory}').");
        }
    }

    private static BrasSimulatorOptions ToOptions(LauncherNetworkConfig network, string baseDirectory, string stateRoot)
    {
        var options = NetworkOptions(network, baseDirectory, stateRoot);
        foreach (var user in network.SnmpUsers)
        {
            options.SnmpUsers.Add(user.ToAgentUser(network.Name));
        }

        return options;
    }

    private static BrasSimulatorOptions NetworkOptions(LauncherNetworkConfig network, string baseDirectory, string stateRoot) => new()
    {
        SeedFile = Path.GetFullPath(network.SeedFile, baseDirectory),
        Hostname = network.Hostname,
        SnmpEndpoint = new IPEndPoint(IPAddress.Loopback, network.SnmpPort),
        ReadCommunity = network.ReadCommunity,
        WriteCommunity = network.WriteCommunity,
        CliDialect = ResolveDialect(network.CliDialect, baseDirectory),
        CliSocketPath = network.CliSocket is null
            ? Path.Combine(Path.GetTempPath(), "speedup-simulators", network.Name + ".sock")
            : Path.GetFullPath(network.CliSocket, baseDirectory),
        Coa = network.CoaPort is not { } coaPort ? null : new CoaFaceOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, coaPort),
            Secret = network.CoaSecret!,
        },
        Ssh = network.SshPort is not { } port ? null : new SshFrontOptions
        {
            Port = port,
            StateDirectory = Path.Combine(stateRoot, network.Name),
            User = network.SshUser,
            Password = network.SshPassword,
        },
    };

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex NamePattern();
}
