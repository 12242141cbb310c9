using System.Net;

namespace SpeedUp.Drivers;

/// <summary>
/// Lets CI forbid traffic to live equipment: with <c>SPEEDUP_BLOCK_LIVE_DEVICES=1</c> (or <c>true</c>/<c>yes</c>/<c>on</c>)
/// drivers refuse any target but loopback (127.0.0.0/8, ::1, <c>localhost</c>) before a packet is sent. The protocol
/// libraries know no policy: drivers hand <see cref="RefusalFor(string, int)"/> to them as their target policy (the SSH
/// transport's and the SNMP manager's <c>TargetPolicy</c>; <c>CliDeviceEndpoint</c> does it for every CLI driver).
/// Host names other than <c>localhost</c> are refused without being resolved. Simulators (loopback) and replay
/// fixtures keep working.
/// </summary>
public static class LiveDeviceGuard
{
    /// <summary>The environment variable that turns the block on.</summary>
    public const string EnvironmentVariable = "SPEEDUP_BLOCK_LIVE_DEVICES";

    /// <summary>Whether the block is on in this process.</summary>
    public static bool IsBlocking => IsOn(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Why <paramref name="host"/> may not be reached with the block as the environment sets it; null when it may.</summary>
    public static string? RefusalFor(string host, int port) =>
        RefusalFor(host, port, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Why <paramref name="host"/> may not be reached when <paramref name="setting"/> is the variable's value; null when it may.</summary>
    public static string? RefusalFor(string host, int port, string? setting) =>
        !IsOn(setting) || IsLoopback(host)
            ? null
            : $"Live device connections are blocked ({EnvironmentVariable}={setting}): refusing to connect to {host}:{port}; only loopback " +
              "(simulators) is allowed. Use a replay fixture (docs/conformance.md) or unset the variable on a machine allowed to reach the device.";

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
