using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeedUp.Drivers.Conformance;

/// <summary>
/// A lab file (docs/conformance.md): which driver, the channel to a real device with secrets by environment-variable
/// reference only, a test line, an optional CGNAT sample and whether the kit may change the test line's rates.
/// </summary>
public sealed class LabConfiguration
{
    /// <summary>The environment variable naming the lab file: set it and the lab conformance class runs against that device.</summary>
    public const string EnvironmentVariable = "SPEEDUP_CONFORMANCE_LAB";

    private static readonly string[] InlineSecretKeys = ["secret", "authSecret", "privSecret", "password", "community"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The driver name (<see cref="ISubscriberLineDriverFactory.DriverName"/>).</summary>
    public required string Driver { get; init; }

    /// <summary>The channel to the device.</summary>
    public required LabChannel Channel { get; init; }

    /// <summary>The test line: its band id, account and an (ip, port) inside its block.</summary>
    public required LabLine Line { get; init; }

    /// <summary>An optional CGNAT sample.</summary>
    public LabCgnat? Cgnat { get; init; }

    /// <summary>Whether the kit may change (and restore) the test line's rates. Default false: read-only checks only.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>A line reference the device does not hold; default band 2000000001, account <c>zz-conformance-nobody</c>.</summary>
    public LabLine? UnknownLine { get; init; }

    /// <summary>The file named by <see cref="EnvironmentVariable"/>, or null when it is not set.</summary>
    public static LabConfiguration? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : Load(path);
    }

    /// <summary>Reads and checks a lab file.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, malformed, holds an inline secret or names an unset variable.</exception>
    public static LabConfiguration Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The lab file {path} ({EnvironmentVariable}) does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and checks lab JSON (<paramref name="source"/> names it in messages).</summary>
    public static LabConfiguration Parse(string json, string source = "lab file")
    {
        using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
        {
            var inline = FindInlineSecret(document.RootElement, "");
            if (inline is not null)
            {
                throw new InvalidOperationException(
                    $"{source}: '{inline}' holds a secret inline. Lab files name secrets by environment variable only " +
                    "(secretEnvironmentVariable, snmp.authSecretEnvironmentVariable, snmp.privSecretEnvironmentVariable).");
            }
        }

        LabConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<LabConfiguration>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{source}: {exception.Message}", exception);
        }

        if (configuration is null)
        {
            throw new InvalidOperationException($"{source} is empty.");
        }

        configuration.Validate(source);
        return configuration;
    }

    /// <summary>The channel options, secrets by reference.</summary>
    public DeviceOptions ToChannel(string? nameSuffix = null)
    {
        var channel = new DeviceOptions
        {
            Name = (Channel.Name ?? "lab-" + Driver) + nameSuffix,
            Host = Channel.Host,
            Port = Channel.Port,
            Username = Channel.Username,
            SecretEnvironmentVariable = Channel.SecretEnvironmentVariable,
            PrivateKeyPath = Channel.PrivateKeyPath,
            PrivateKeyPassphraseEnvironmentVariable = Channel.PrivateKeyPassphraseEnvironmentVariable,
            HostKeySha256 = Channel.HostKeySha256,
            OperationTimeout = Channel.OperationTimeout ?? TimeSpan.FromSeconds(10),
            MaxSessions = Channel.MaxSessions ?? 2,
        };
        if (Channel.Snmp is { } snmp)
        {
            channel.Snmp.Version = snmp.Version ?? "V2c";
            channel.Snmp.User = snmp.User;
            channel.Snmp.AuthProtocol = snmp.AuthProtocol;
            channel.Snmp.PrivProtocol = snmp.PrivProtocol;
            channel.Snmp.AuthSecretEnvironmentVariable = snmp.AuthSecretEnvironmentVariable;
            channel.Snmp.PrivSecretEnvironmentVariable = snmp.PrivSecretEnvironmentVariable;
        }

        return channel;
    }

    private void Validate(string source)
    {
        if (string.IsNullOrWhiteSpace(Driver) || string.IsNullOrWhiteSpace(Channel.Host) || Channel.Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{source}: 'driver', 'channel.host' and 'channel.port' (1-65535) are required.");
        }

        foreach (var (key, variable) in new[]
                 {
                     ("channel.secretEnvironmentVariable", Channel.SecretEnvironmentVariable),
                     ("channel.privateKeyPassphraseEnvironmentVariable", Channel.PrivateKeyPassphraseEnvironmentVariable),
                     ("channel.snmp.authSecretEnvironmentVariable", Channel.Snmp?.AuthSecretEnvironmentVariable),
                     ("channel.snmp.privSecretEnvironmentVariable", Channel.Snmp?.PrivSecretEnvironmentVariable),
                 })
        {
            if (!string.IsNullOrEmpty(variable) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                throw new InvalidOperationException($"{source}: {key} names the environment variable {variable}, which is not set.");
            }
        }

        if (Line.BandId <= 0 || string.IsNullOrEmpty(Line.Account) || !IPAddress.TryParse(Line.IpAddress, out _) || Line.Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{source}: 'line' needs bandId, account, ipAddress and port.");
        }

        if (Cgnat is { } cgnat && (!IPAddress.TryParse(cgnat.IpAddress, out _) || cgnat.BandId <= 0 || string.IsNullOrEmpty(cgnat.Account)))
        {
            throw new InvalidOperationException($"{source}: 'cgnat' needs ipAddress, portInBlock, bandId, account and portOutsideAnyBlock.");
        }
    }

    private static string? FindInlineSecret(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = path.Length == 0 ? property.Name : path + "." + property.Name;
            if (InlineSecretKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                return name;
            }

            if (FindInlineSecret(property.Value, name) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}

/// <summary>The channel part of a lab file (keys as <see cref="DeviceOptions"/>, secrets by variable only).</summary>
public sealed class LabChannel
{
    /// <summary>Channel name (messages, logs). Default <c>lab-&lt;driver&gt;</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The carrier.</summary>
    public Carrier Carrier { get; init; } = Carrier.ChinaTelecom;

    /// <summary>Device address.</summary>
    public string Host { get; init; } = "";

    /// <summary>SSH TCP or SNMP UDP port.</summary>
    public int Port { get; init; }

    /// <summary>SSH login.</summary>
    public string? Username { get; init; }

    /// <summary>Variable holding the SSH password or SNMP community.</summary>
    public string? SecretEnvironmentVariable { get; init; }

    /// <summary>OpenSSH private key path.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>Variable holding the key's passphrase.</summary>
    public string? PrivateKeyPassphraseEnvironmentVariable { get; init; }

    /// <summary>Pinned SSH host key (<c>SHA256:…</c>).</summary>
    public string? HostKeySha256 { get; init; }

    /// <summary>Budget of one operation. Default 10 s.</summary>
    public TimeSpan? OperationTimeout { get; init; }

    /// <summary>SSH sessions. Default 2.</summary>
    public int? MaxSessions { get; init; }

    /// <summary>SNMP settings (zte-snmp).</summary>
    public LabSnmp? Snmp { get; init; }
}

/// <summary>SNMP settings of a lab channel.</summary>
public sealed class LabSnmp
{
    /// <summary><c>V2c</c> or <c>V3</c>.</summary>
    public string? Version { get; init; }

    /// <summary>USM user.</summary>
    public string? User { get; init; }

    /// <summary>Authentication protocol (<c>SHA-256</c>…).</summary>
    public string? AuthProtocol { get; init; }

    /// <summary>Privacy protocol (<c>AES</c>…).</summary>
    public string? PrivProtocol { get; init; }

    /// <summary>Variable holding the authentication password.</summary>
    public string? AuthSecretEnvironmentVariable { get; init; }

    /// <summary>Variable holding the privacy password.</summary>
    public string? PrivSecretEnvironmentVariable { get; init; }
}

/// <summary>A line of a lab file.</summary>
public sealed class LabLine
{
    /// <summary>Band id.</summary>
    public long BandId { get; init; }

    /// <summary>Access account.</summary>
    public string Account { get; init; } = "";

    /// <summary>Public address (test line only).</summary>
    public string IpAddress { get; init; } = "";

    /// <summary>A port inside the line's block (test line only).</summary>
    public int Port { get; init; }
}

/// <summary>The CGNAT sample of a lab file.</summary>
public sealed class LabCgnat
{
    /// <summary>The shared address.</summary>
    public string IpAddress { get; init; } = "";

    /// <summary>A port inside the expected line's block.</summary>
    public int PortInBlock { get; init; }

    /// <summary>The expected line's band id.</summary>
    public long BandId { get; init; }

    /// <summary>The expected line's account.</summary>
    public string Account { get; init; } = "";

    /// <summary>A port outside every block of the address.</summary>
    public int PortOutsideAnyBlock { get; init; }
}
