namespace SpeedUp.Drivers;

/// <summary>
/// SNMP settings of a supply channel (<c>SpeedUp:Channels:N:Snmp</c>). All strings, so the SDK stays free of
/// any protocol stack; the SNMP driver interprets them. SNMPv2c needs none of this (the community is the
/// channel's secret); SNMPv3 needs <see cref="User"/>, <see cref="AuthProtocol"/> and its secret, and
/// optionally <see cref="PrivProtocol"/> and its secret. Secrets are never logged.
/// </summary>
public sealed class SnmpChannelOptions
{
    /// <summary>The SNMP version: <c>V2c</c> (default; the community is the channel's secret) or <c>V3</c> (USM).</summary>
    public string Version { get; set; } = "V2c";

    /// <summary>The SNMPv3 USM user name (1 to 32 octets).</summary>
    public string? User { get; set; }

    /// <summary>The SNMPv3 authentication protocol, as net-snmp names it: <c>SHA</c>, <c>SHA-256</c>, <c>SHA-384</c>
    /// or <c>SHA-512</c>. Null or <c>none</c> for a noAuthNoPriv user.</summary>
    public string? AuthProtocol { get; set; }

    /// <summary>The SNMPv3 privacy protocol: <c>AES</c> (AES-128-CFB), <c>DES</c> (old equipment only), or null / <c>none</c>.</summary>
    public string? PrivProtocol { get; set; }

    /// <summary>Name of the environment variable holding the authentication password (at least 8 characters).
    /// Preferred over <see cref="AuthSecret"/>.</summary>
    public string? AuthSecretEnvironmentVariable { get; set; }

    /// <summary>Name of the environment variable holding the privacy password. Preferred over <see cref="PrivSecret"/>.</summary>
    public string? PrivSecretEnvironmentVariable { get; set; }

    /// <summary>The authentication password itself; for local simulators only. Never logged.</summary>
    public string? AuthSecret { get; set; }

    /// <summary>The privacy password itself; for local simulators only. Never logged.</summary>
    public string? PrivSecret { get; set; }

    /// <summary>Whether <see cref="Version"/> asks for SNMPv3 (<c>V3</c> or <c>3</c>, any case).</summary>
    public bool IsVersion3 => Version.Trim() is { } v && (v.Equals("V3", StringComparison.OrdinalIgnoreCase) || v == "3");

    /// <summary>The settings without secrets.</summary>
    public override string ToString() =>
        "SnmpChannelOptions { Version = " + Version + ", User = " + User + ", AuthProtocol = " + AuthProtocol + ", PrivProtocol = " + PrivProtocol + " }";
}
