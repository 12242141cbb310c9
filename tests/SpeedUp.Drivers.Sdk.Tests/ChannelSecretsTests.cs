namespace SpeedUp.Drivers.Sdk.Tests;

/// <summary>Channel secrets come through a resolver: the reference wins over the inline value (simulators only).</summary>
public sealed class ChannelSecretsTests
{
    [Fact]
    public void ChannelSecret_ReferenceResolves_WinsOverTheInlineValue()
    {
        var channel = new DeviceOptions { SecretEnvironmentVariable = "ref", Secret = "inline" };

        Assert.Equal("from-store", new StoreResolver("ref", "from-store").ChannelSecret(channel));
    }

    [Fact]
    public void ChannelSecret_ReferenceDoesNotResolve_FallsBackToTheInlineValue()
    {
        var channel = new DeviceOptions { SecretEnvironmentVariable = "unknown", Secret = "inline" };

        Assert.Equal("inline", new StoreResolver("ref", "from-store").ChannelSecret(channel));
    }

    [Fact]
    public void SnmpSecrets_AndPassphrase_AskTheResolverWithTheirOwnReferences()
    {
        var channel = new DeviceOptions { PrivateKeyPassphraseEnvironmentVariable = "pass" };
        channel.Snmp.AuthSecretEnvironmentVariable = "auth";
        channel.Snmp.PrivSecretEnvironmentVariable = "priv";
        var store = new StoreResolver(("pass", "p1"), ("auth", "a1"), ("priv", "x1"));

        Assert.Equal(("p1", "a1", "x1"), (store.PrivateKeyPassphrase(channel), store.SnmpAuthSecret(channel), store.SnmpPrivSecret(channel)));
    }

    [Fact]
    public void EnvironmentResolver_Reference_IsAnEnvironmentVariable()
    {
        var name = "SPEEDUP_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "env-value");
        try
        {
            Assert.Equal("env-value", EnvironmentSecretResolver.Instance.Resolve(name, "inline"));
            Assert.Equal("inline", EnvironmentSecretResolver.Instance.Resolve(name + "_UNSET", "inline"));
            Assert.Null(EnvironmentSecretResolver.Instance.Resolve(null, null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>A secret store of fixed entries, standing in for tomorrow's vault.</summary>
    private sealed class StoreResolver(params (string Reference, string Secret)[] entries) : ISecretResolver
    {
        public StoreResolver(string reference, string secret)
            : this((reference, secret))
        {
        }

        public string? Resolve(string? reference, string? inlineValue) =>
            entries.FirstOrDefault(e => e.Reference == reference).Secret ?? inlineValue;
    }
}
