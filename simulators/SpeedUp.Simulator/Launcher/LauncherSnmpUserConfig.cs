using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>An SNMPv3 (USM) user of a network in simulators.json; protocol names as net-snmp's <c>-a</c> / <c>-x</c>.</summary>
public sealed class LauncherSnmpUserConfig
{
    /// <summary>User name (1 to 32 octets).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>SHA</c>, <c>SHA-256</c>, <c>SHA-384</c>, <c>SHA-512</c>, or <c>none</c>.</summary>
    public string AuthProtocol { get; set; } = "SHA-256";

    /// <summary>Authentication password (at least 8 characters). A simulator's, never a real one.</summary>
    public string? AuthPassword { get; set; }

    /// <summary><c>AES</c>, <c>DES</c>, or <c>none</c>.</summary>
    public string PrivProtocol { get; set; } = "AES";

    /// <summary>Privacy password (at least 8 characters).</summary>
    public string? PrivPassword { get; set; }

    /// <summary>Whether the user may SET. Default false.</summary>
    public bool CanWrite { get; set; }

    /// <summary><c>NoAuthNoPriv</c>, <c>AuthNoPriv</c> or <c>AuthPriv</c> (default): requests below get authorizationError.</summary>
    public string MinimumLevel { get; set; } = nameof(SnmpSecurityLevel.AuthPriv);

    /// <summary>The agent user; <see cref="InvalidOperationException"/> naming the network when a setting is wrong.</summary>
    public SnmpAgentUser ToAgentUser(string network)
    {
        var auth = AuthProtocol.Trim().ToUpperInvariant() switch
        {
            "NONE" or "" => UsmAuthProtocol.None,
            "SHA" or "SHA-1" => UsmAuthProtocol.HmacSha1,
            "SHA-256" => UsmAuthProtocol.HmacSha256,
            "SHA-384" => UsmAuthProtocol.HmacSha384,
            "SHA-512" => UsmAuthProtocol.HmacSha512,
            _ => throw Invalid(network, $"unknown authProtocol '{AuthProtocol}' (SHA, SHA-256, SHA-384, SHA-512 or none)"),
        };
        var priv = PrivProtocol.Trim().ToUpperInvariant() switch
        {
            "NONE" or "" => UsmPrivProtocol.None,
            "AES" => UsmPrivProtocol.Aes128,
            "DES" => UsmPrivProtocol.Des,
            _ => throw Invalid(network, $"unknown privProtocol '{PrivProtocol}' (AES, DES or none)"),
        };
        if (!Enum.TryParse<SnmpSecurityLevel>(MinimumLevel, ignoreCase: true, out var level) || !Enum.IsDefined(level))
        {
            throw Invalid(network, $"unknown minimumLevel '{MinimumLevel}' (NoAuthNoPriv, AuthNoPriv or AuthPriv)");
        }

        try
        {
            return new SnmpAgentUser(new UsmUser(Name, auth, AuthPassword, priv, PrivPassword), CanWrite, level);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(network, ex.Message);
        }
    }

    private InvalidOperationException Invalid(string network, string what) =>
        new($"Network '{network}': SNMPv3 user '{Name}': {what}.");
}
