using Broadband.SpeedUp.Admin.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>Dry runs show the exact native commands / varbinds of an operation and touch no device.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class DryRunTests(SimulatedNetworks networks)
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DryRun_OfCliAndSnmpSetRate_RendersTheStepsWithoutTouchingTheDevices()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), cancellationToken: Ct);
        var auditBefore = networks.Telecom.State.AuditLog.Count + networks.Unicom.State.AuditLog.Count;

        var cli = await service.Admin.DryRunAsync(new DryRunRequest
        {
            Channel = "ct-huawei-ssh", Operation = DriverOperation.SetRate, BandId = 330100001, Account = "zj0571a0001", Direction = "DOWN", RateKbps = 200000,
        }, cancellationToken: Ct);
        var snmp = await service.Admin.DryRunAsync(new DryRunRequest
        {
            Channel = "cu-zte-snmp", Operation = DriverOperation.SetRate, BandId = 411000001, Account = "bj010u0001", Direction = "UP", RateKbps = 20000,
        }, cancellationToken: Ct);

        Assert.Equal("ssh-cli huawei-vrp", cli.Protocol);
        Assert.Contains(cli.Steps, s => s.Send == "access-user user-name zj0571a0001 car outbound cir 200000" && s.Note == "the change");
        Assert.Equal(["system-view", "aaa"], cli.Steps.Where(s => s.Note == "to the configuration view").Select(s => s.Send));
        Assert.Equal("display access-user user-name zj0571a0001", cli.Steps[^1].Send);
        Assert.Equal(
            ["GET 1.3.6.1.4.1.3902.6051.1.1.1.1.411000001", "SET 1.3.6.1.4.1.3902.6051.1.1.1.5.411000001 = Gauge32 20000"],
            snmp.Steps.Take(2).Select(s => s.Send)); // the owner check, then the change
        Assert.Equal(auditBefore, networks.Telecom.State.AuditLog.Count + networks.Unicom.State.AuditLog.Count);
    }

    [Fact]
    public async Task DryRun_WithValueTheDriverRefusesOrUnknownChannel_FailsWithInvalidParametersOrNotFound()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), cancellationToken: Ct);

        var refused = await ProductError.AssertFailsAsync(
            () => service.Admin.DryRunAsync(new DryRunRequest
            {
                Channel = "ct-huawei-ssh", Operation = DriverOperation.SetRate, BandId = 330100001, Account = "zj0571a0001\nreboot", Direction = "DOWN", RateKbps = 200000,
            }, cancellationToken: Ct),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        Assert.Contains("nothing was sent", refused.Status.Detail, StringComparison.Ordinal);
        await ProductError.AssertFailsAsync(
            () => service.Admin.DryRunAsync(new DryRunRequest { Channel = "nope", Operation = DriverOperation.Probe }, cancellationToken: Ct),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-dryrun-{Guid.NewGuid():N}.db");

    // No secrets in the environment: a dry run must not need them.
    private Task<(int Code, string Output, string Error)> RunHostAsync(params string[] args) =>
        HostCommand.RunAsync(args, new Dictionary<string, string?> { ["SPEEDUP_CT_SSH_PASSWORD"] = null, ["SPEEDUP_CU_SNMP_COMMUNITY"] = null }, Ct);
}
