using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>Reads simulators.json and turns each network into <see cref="BrasSimulatorOptions"/>.</summary>
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
        if (config.Networks.Count == 0)
        {
            throw new InvalidOperationException($"Launcher config '{full}' lists no networks.");
        }

        if (config.ControlPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Launcher config '{full}': controlPort must be between 0 (off) and 65535.");
        }

        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<(string, BrasSimulatorOptions)>();
        foreach (var network in config.Networks)
        {
            if (!NamePattern().IsMatch(network.Name))
            {
                throw new InvalidOperationException($"Network name '{network.Name}' must match [a-z0-9-]{{1,32}}.");
            }

            if (network.SnmpPort is < 1 or > 65535 || network.SshPort is < 1 or > 65535 || network.CoaPort is < 1 or > 65535)
            {
                throw new InvalidOperationException($"Network '{network.Name}': ports must be between 1 and 65535.");
            }

            if (network.CoaPort is not null && string.IsNullOrEmpty(network.CoaSecret))
            {
                throw new InvalidOperationException($"Network '{network.Name}': coaPort needs coaSecret.");
            }

            if (!CliDialects.IsKnown(network.CliDialect))
            {
                throw new InvalidOperationException($"Network '{network.Name}': cliDialect '{network.CliDialect}' must be \"huawei\", \"zte\", \"h3c\" or \"profile:<path>\" (an existing file).");
            }

            if (network.SshPort is not null && passwords.TryGetValue(network.SshUser, out var other) && other != network.SshPassword)
            {
                throw new InvalidOperationException(
                    $"Network '{network.Name}': user '{network.SshUser}' already has another password; one system user has one password.");
            }

            passwords[network.SshUser] = network.SshPassword;
            result.Add((network.Name, ToOptions(network, baseDirectory, Path.GetFullPath(config.StateDirectory, baseDirectory))));
        }

        return new LauncherPlan(result, config.ControlPort);
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
        CliDialect = network.CliDialect,
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
