using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>Device secrets reach the service only through the environment and never appear in what it prints.</summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class SecretHygieneTests(SimulatedNetworks networks)
{
    [Fact]
    public async Task ProcessOutput_EvenWhenDeviceLoginFails_NeverContainsDeviceSecrets()
    {
        var database = Path.Combine(Path.GetTempPath(), $"speedup-secrets-{Guid.NewGuid():N}.db");
        await using (var service = await ServiceProcess.StartAsync(networks.Simulators, database))
        {
            await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" });
            await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.106.0.20" });
            Assert.DoesNotContain(networks.Telecom.SshPassword, service.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(CarrierSimulators.UnicomWriteCommunity, service.Output, StringComparison.Ordinal);
        }

        const string wrongPassword = "Wr0ng-Pa55word-XYZ";
        await using var refused = await ServiceProcess.StartAsync(networks.Simulators, database,
            new Dictionary<string, string> { ["SPEEDUP_CT_SSH_PASSWORD"] = wrongPassword });
        var e = await ProductError.AssertFailsAsync(
            () => refused.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }),
            "isp.SYSTEM_ERROR", StatusCode.Internal);

        Assert.DoesNotContain("AuthenticationFailed", e.Status.Detail, StringComparison.Ordinal); // the customer reads the code and the request id
        Assert.Contains("AuthenticationFailed", refused.Output, StringComparison.Ordinal); // the log names the fault
        Assert.DoesNotContain(wrongPassword, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, refused.Output, StringComparison.Ordinal);
    }
}
