using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte.Internal;

/// <summary>
/// Turns a channel's settings into SNMP credentials: the resolved secret as a v2c community, or, when
/// <see cref="SnmpChannelOptions.Version"/> is V3, an <see cref="SnmpUsm"/> user (protocol names as net-snmp's
/// <c>-a</c> / <c>-x</c>). Messages name the channel and the missing setting, never a secret.
/// </summary>
internal static class SnmpChannelCredentials
{
    /// <exception cref="InvalidOperationException">The settings are incomplete or name an unknown protocol.</exception>
    public static SnmpCredentials Build(DeviceOptions channel, ISecretResolver secrets)
    {
        var snmp = channel.Snmp;
        if (!snmp.IsVersion3)
        {
            if (!snmp.Version.Trim().Equals("V2c", StringComparison.OrdinalIgnoreCase) && snmp.Version.Trim() != "2c")
            {
                throw Invalid(channel, "Snmp:Version must be V2c or V3, not '" + snmp.Version + "'.");
            }

            return secrets.ChannelSecret(channel) is { Length: > 0 } community
                ? new SnmpCommunity(community, SnmpVersion.V2c)
                : throw Invalid(channel, "no SNMP community (SecretEnvironmentVariable or Secret).");
        }

        if (string.IsNullOrWhiteSpace(snmp.User))
        {
            throw Invalid(channel, "SNMPv3 needs Snmp:User.");
        }

        var auth = AuthProtocol(channel, snmp.AuthProtocol);
        var priv = PrivProtocol(channel, snmp.PrivProtocol);
        var authSecret = auth == UsmAuthProtocol.None ? null : Secret(channel, secrets.SnmpAuthSecret(channel), "Snmp:AuthSecretEnvironmentVariable or Snmp:AuthSecret");
        var privSecret = priv == UsmPrivProtocol.None ? null : Secret(channel, secrets.SnmpPrivSecret(channel), "Snmp:PrivSecretEnvironmentVariable or Snmp:PrivSecret");
        try
        {
            return new SnmpUsm(new UsmUser(snmp.User, auth, authSecret, priv, privSecret));
        }
        catch (ArgumentException e)
        {
            // The USM messages name settings and rules (length, priv needs auth), never the values.
            throw Invalid(channel, "invalid SNMPv3 user: " + e.Message);
        }
    }

    private static UsmAuthProtocol AuthProtocol(DeviceOptions channel, string? name) => Normalize(name) switch
    {
        "" or "NONE" => UsmAuthProtocol.None,
        "SHA" or "SHA1" or "SHA-1" => UsmAuthProtocol.HmacSha1,
        "SHA-256" or "SHA256" => UsmAuthProtocol.HmacSha256,
        "SHA-384" or "SHA384" => UsmAuthProtocol.HmacSha384,
        "SHA-512" or "SHA512" => UsmAuthProtocol.HmacSha512,
        _ => throw Invalid(channel, "unknown Snmp:AuthProtocol '" + name + "' (SHA, SHA-256, SHA-384 or SHA-512; SHA-224 and MD5 are not supported)."),
    };

    private static UsmPrivProtocol PrivProtocol(DeviceOptions channel, string? name) => Normalize(name) switch
    {
        "" or "NONE" => UsmPrivProtocol.None,
        "AES" or "AES128" or "AES-128" => UsmPrivProtocol.Aes128,
        "DES" => UsmPrivProtocol.Des,
        _ => throw Invalid(channel, "unknown Snmp:PrivProtocol '" + name + "' (AES or DES; AES-192/256 are not supported)."),
    };

    private static string Normalize(string? name) => (name ?? "").Trim().ToUpperInvariant();

    private static string Secret(DeviceOptions channel, string? secret, string where) =>
        string.IsNullOrEmpty(secret) ? throw Invalid(channel, "no SNMPv3 password (" + where + ").") : secret;

    private static InvalidOperationException Invalid(DeviceOptions channel, string what) =>
        new("Channel " + channel.Name + ": " + what);
}
