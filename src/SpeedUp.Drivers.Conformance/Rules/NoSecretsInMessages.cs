namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK13 (<see cref="ConformanceRule.NoSecretsInMessages"/>): no driver message contains the channel's secrets. It has no
/// check of its own: every <see cref="DriverException"/> a check sees (<c>Call</c>, <c>ExpectFailureAsync</c>) and the
/// probe detail (CK12) pass through <see cref="EnsureNoSecret"/>.
/// </summary>
internal abstract partial class ConformanceCheck
{
    /// <summary>Where the channels' secrets come from (the environment, as in the service).</summary>
    protected static ISecretResolver Secrets => EnvironmentSecretResolver.Instance;

    protected void EnsureNoSecret(string text, string where)
    {
        var channel = Target.CreateChannel();
        foreach (var secret in new[] { Secrets.ChannelSecret(channel), Secrets.SnmpAuthSecret(channel), Secrets.SnmpPrivSecret(channel) })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4 && text.Contains(secret, StringComparison.Ordinal))
            {
                throw Fail(ConformanceRule.NoSecretsInMessages, $"{where} contains a channel secret.");
            }
        }
    }
}
