using Microsoft.Extensions.Options;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>The gRPC listener may speak cleartext on loopback only, unless explicitly allowed.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CleartextListenerTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-cleartext-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")]
    [InlineData("::")]
    public async Task Start_CleartextOnNonLoopbackAddress_RefusedNamingTheKeys(string address)
    {
        var startup = await Assert.ThrowsAnyAsync<Exception>(() => InProcessService.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Host:Address"] = address }, cancellationToken: TestContext.Current.CancellationToken));

        // The start-up validation (ValidateOnStart, before any listener binds); validators reading the endpoint fail alike.
        var failures = Assert.IsType<AggregateException>(startup).InnerExceptions;
        var e = Assert.IsType<OptionsValidationException>(failures[0]);
        Assert.All(failures, f => Assert.Equal(e.Message, Assert.IsType<OptionsValidationException>(f).Message));

        Assert.Contains($"SpeedUp:Host:Address is {address}, not a loopback address", e.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Security:AllowCleartextOnNonLoopback=true", e.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Host:Tls:CertificatePath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CleartextOnNonLoopbackExplicitlyAllowed_StartsWithAWarning()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), new Dictionary<string, string>
        {
            ["SpeedUp:Host:Address"] = "0.0.0.0",
            ["SpeedUp:Security:AllowCleartextOnNonLoopback"] = "true",
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("cleartext (no TLS) on the non-loopback address 0.0.0.0, allowed by SpeedUp:Security:AllowCleartextOnNonLoopback", service.Output, StringComparison.Ordinal);
        Assert.Contains("warn: SpeedUp.Host.Security.CleartextListenerValidator[6020]", service.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Start_CleartextOnLoopback_StartsWithoutWarning(string address)
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Host:Address"] = address }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain("cleartext", service.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_NonLoopbackWithTls_Starts()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), new Dictionary<string, string>
        {
            ["SpeedUp:Host:Address"] = "0.0.0.0",
            ["SpeedUp:Host:Tls:CertificatePath"] = "/etc/speedup/tls.pfx", // TestServer: the listener (and its certificate) is not built
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.DoesNotContain("cleartext", service.Output, StringComparison.OrdinalIgnoreCase);
    }
}
