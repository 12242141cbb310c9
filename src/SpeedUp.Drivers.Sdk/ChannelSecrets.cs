namespace SpeedUp.Drivers;

/// <summary>The secrets a channel's settings refer to, through a <see cref="ISecretResolver"/>.</summary>
public static class ChannelSecrets
{
    /// <summary>The SSH password or SNMP community (<c>SecretEnvironmentVariable</c>, else <c>Secret</c>).</summary>
    public static string? ChannelSecret(this ISecretResolver secrets, DeviceOptions channel) =>
        Secrets(secrets).Resolve(Channel(channel).SecretEnvironmentVariable, channel.Secret);

    /// <summary>The SSH private key's passphrase (<c>PrivateKeyPassphraseEnvironmentVariable</c>), or null.</summary>
    public static string? PrivateKeyPassphrase(this ISecretResolver secrets, DeviceOptions channel) =>
        Secrets(secrets).Resolve(Channel(channel).PrivateKeyPassphraseEnvironmentVariable, null);

    /// <summary>The SNMPv3 authentication password (<c>Snmp:AuthSecretEnvironmentVariable</c>, else <c>Snmp:AuthSecret</c>).</summary>
    public static string? SnmpAuthSecret(this ISecretResolver secrets, DeviceOptions channel) =>
        Secrets(secrets).Resolve(Channel(channel).Snmp.AuthSecretEnvironmentVariable, channel.Snmp.AuthSecret);

    /// <summary>The SNMPv3 privacy password (<c>Snmp:PrivSecretEnvironmentVariable</c>, else <c>Snmp:PrivSecret</c>).</summary>
    public static string? SnmpPrivSecret(this ISecretResolver secrets, DeviceOptions channel) =>
        Secrets(secrets).Resolve(Channel(channel).Snmp.PrivSecretEnvironmentVariable, channel.Snmp.PrivSecret);

    /// <summary>The RADIUS CoA shared secret (<c>Coa:SecretEnvironmentVariable</c>, else <c>Coa:Secret</c>).</summary>
    public static string? CoaSecret(this ISecretResolver secrets, DeviceOptions channel) =>
        Secrets(secrets).Resolve(Channel(channel).Coa.SecretEnvironmentVariable, channel.Coa.Secret);

    private static ISecretResolver Secrets(ISecretResolver secrets) => secrets ?? throw new ArgumentNullException(nameof(secrets));

    private static DeviceOptions Channel(DeviceOptions channel) => channel ?? throw new ArgumentNullException(nameof(channel));
}
