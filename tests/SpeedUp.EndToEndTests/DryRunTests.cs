using Broadband.SpeedUp.Admin.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The <c>dry-run</c> command of the host prints the exact native commands of an operation and needs no secret. (Dry
/// runs through the admin API: tests/SpeedUp.Host.Tests/Grpc.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class DryRunTests
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DryRunCommand_WithoutSecrets_PrintsThePlan()
    {
        var (code, output, error) = await RunHostAsync(
            "dry-run", "--channel", "ct-huawei-ssh", "--operation", "find-line", "--ip-address", "202.101.172.100", "--port", "2500");
        var (badCode, _, badError) = await RunHostAsync(
            "dry-run", "--channel", "ct-huawei-ssh", "--operation", "find-line", "--ip-address", "202.101.172.100", "--port", "70000");

        Assert.True(code == 0, error);
        Assert.Contains("# ct-huawei-ssh (ssh-cli huawei-vrp): nothing is sent in a dry run", output, StringComparison.Ordinal);
        Assert.Contains("display access-user ip-address 202.101.172.100", output, StringComparison.Ordinal);
        Assert.Equal(2, badCode);
        Assert.Contains("[isv.INVALID_PARAMETERS]", badError, StringComparison.Ordinal);
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-dryrun-{Guid.NewGuid():N}.db");

    // No secrets in the environment: a dry run must not need them.
    private Task<(int Code, string Output, string Error)> RunHostAsync(params string[] args) =>
        HostCommand.RunAsync(args, new Dictionary<string, string?> { ["SPEEDUP_CT_SSH_PASSWORD"] = null, ["SPEEDUP_CU_SNMP_COMMUNITY"] = null }, Ct);
}
