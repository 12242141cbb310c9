using System.Net;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Lets CI forbid connections to live equipment: with <c>SPEEDUP_BLOCK_LIVE_DEVICES=1</c> (or <c>true</c>/<c>yes</c>)
/// <see cref="SshShellTransport"/> refuses any host but loopback (127.0.0.0/8, ::1, <c>localhost</c>) before a packet
/// is sent, with a <see cref="CliException"/> (<see cref="CliFailure.Unreachable"/>) saying why. Host names other than
/// <c>localhost</c> are refused without being resolved. Simulators (loopback) and replay fixtures keep working.
/// </summary>
public static class LiveDeviceGuard
{
    /// <summary>The environment variable that turns the block on.</summary>
    public const string EnvironmentVariable = "SPEEDUP_BLOCK_LIVE_DEVICES";

    /// <summary>Whether the block is on in this process.</summary>
    public static bool IsBlocking => IsOn(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Throws when the block is on (per the environment) and <paramref name="host"/> is not loopback.</summary>
    /// <exception cref="CliException">Live devices are blocked and the host is not loopback.</exception>
    public static void EnsureAllowed(string host, int port) =>
        EnsureAllowed(host, port, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Throws when <paramref name="setting"/> turns the block on and <paramref name="host"/> is not loopback.</summary>
    /// <exception cref="CliException">Live devices are blocked and the host is not loopback.</exception>
    public static void EnsureAllowed(string host, int port, string? setting)
    {
        if (!IsOn(setting) || IsLoopback(host))
        {
            return;
        }

        throw new CliException(
            CliFailure.Unreachable,
            $"Live device connections are blocked ({EnvironmentVariable}={setting}): refusing to connect to {host}:{port}; only loopback " +
            "(simulators) is allowed. Use a replay fixture (docs/conformance.md) or unset the variable on a machine allowed to reach the device.");
    }

    /// <summary>Whether <paramref name="host"/> is a loopback address or <c>localhost</c> (never resolved).</summary>
    public static bool IsLoopback(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(trimmed, out var address)
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private static bool IsOn(string? setting) =>
        setting?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
