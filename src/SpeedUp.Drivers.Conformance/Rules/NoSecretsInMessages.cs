namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK13 (<see cref="ConformanceRule.NoSecretsInMessages"/>): no driver message contains the channel's secrets. It has no
/// check of its own: every <see cref="DriverException"/> a check sees (<c>Call</c>, <c>ExpectFailureAsync</c>) and the
/// probe detail (CK12) pass through <see cref="EnsureNoSecret"/>.
/// </summary>
internal abstract partial class ConformanceCheck
{
    protected void EnsureNoSecret(string text, string where)
    {
        var channel = Target.CreateChannel();
        foreach (var secret in new[] { channel.ResolveSecret(), channel.Snmp.ResolveAuthSecret(), channel.Snmp.ResolvePrivSecret() })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4 && text.Contains(secret, StringComparison.Ordinal))
            {
                throw Fail(ConformanceRule.NoSecretsInMessages, $"{where} contains a channel secret.");
            }
        }
    }
}
