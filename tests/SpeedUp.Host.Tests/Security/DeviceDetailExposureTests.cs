using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Drivers;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;
using Direction = Broadband.SpeedUp.V1.Direction;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// A device fault whose text names the device (address and port), the login user, host-key fingerprints and the
/// device's own output reaches the customer as a product code and a request id only — in the status message, the
/// status details and trailers, QueryStatus, FindSessions and the CSV export — while the log and the operator's admin
/// view still hold every detail.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class DeviceDetailExposureTests(SimulatedNetworks networks)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-exposure-{Guid.NewGuid():N}.db");

    private async Task<(InProcessService Service, LeakyDriverFactory Factory)> StartAsync()
    {
        var factory = new LeakyDriverFactory();
        var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Channels:0:Driver"] = LeakyDriverFactory.Name },
            services => services.AddSingleton<ISubscriberLineDriverFactory>(factory), Ct);
        return (service, factory);
    }

    [Theory]
    [InlineData(DriverFailure.HostKeyMismatch)] // a channel fault: the scheduler's "no channel could" answer
    [InlineData(DriverFailure.Rejected)] // an answer about the line: the device error answer
    public async Task StartSpeedUp_DeviceFaultFullOfDeviceDetails_CustomerSeesCodeAndRequestIdOnly_LogAndAdminSeeDetails(DriverFailure failure)
    {
        var (service, factory) = await StartAsync();
        await using var _ = service;
        var client = service.Client;
        var line = LeakyDriverFactory.Line;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        factory.Driver!.Failure = failure;
        factory.Driver.FailNextWrites(1);

        var error = await ProductError.AssertFailsAsync(
            () => client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = "202.101.172.35", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
            }, cancellationToken: Ct),
            "isp.SYSTEM_ERROR", StatusCode.Internal); // a refused host key or command needs an operator: not "retry later"

        var requestId = error.Trailers.GetValue("x-request-id");
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Contains(requestId, error.Status.Detail, StringComparison.Ordinal);
        AssertNoDeviceDetail(error.Status.Detail);
        AssertNoDeviceDetail(string.Join("\n", error.Trailers.Select(t => t.IsBinary ? System.Text.Encoding.UTF8.GetString(t.ValueBytes) : t.Value)));

        var status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct);
        Assert.Equal(EndReason.ApplyFailed, status.Download.EndReason);
        AssertNoDeviceDetail(status.ToString());
        var found = await client.FindSessionsAsync(new FindSessionsRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct);
        Assert.NotEmpty(found.ToString());
        AssertNoDeviceDetail(found.ToString());

        var csv = await ExportAsync(client);
        var row = Assert.Single(csv.Split("\r\n"), r => r.Contains(",FAILED,", StringComparison.Ordinal));
        Assert.Contains(line.Account, row, StringComparison.Ordinal);
        Assert.EndsWith(",isp.SYSTEM_ERROR: the target rate could not be applied", row, StringComparison.Ordinal);
        AssertNoDeviceDetail(csv);

        // The operator still has every detail, in the log.
        foreach (var detail in new[] { LeakyDriverFactory.HostPort, LeakyDriverFactory.User, LeakyDriverFactory.ReceivedFingerprint, LeakyDriverFactory.RawOutput })
        {
            Assert.Contains(detail, service.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StopSpeedUp_RestoreFailsWithDeviceDetails_CustomerSeesCodeAndRequestIdOnly()
    {
        var (service, factory) = await StartAsync();
        await using var _ = service;
        var client = service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        await client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.101.172.35", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        }, cancellationToken: Ct);
        factory.Driver!.Failure = DriverFailure.Rejected;
        factory.Driver.FailNextWrites(int.MaxValue);

        var error = await ProductError.AssertFailsAsync(
            () => client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "202.101.172.35", BandId = precheck.BandId, Direction = Direction.Down }, cancellationToken: Ct),
            "isp.SYSTEM_ERROR", StatusCode.Unavailable);

        Assert.Contains("could not be restored yet", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(error.Trailers.GetValue("x-request-id")!, error.Status.Detail, StringComparison.Ordinal);
        AssertNoDeviceDetail(error.Status.Detail);
        AssertNoDeviceDetail((await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct)).ToString());
        Assert.Contains(LeakyDriverFactory.RawOutput, service.Output, StringComparison.Ordinal);
        factory.Driver.FailNextWrites(0);
    }

    private static void AssertNoDeviceDetail(string customerText)
    {
        foreach (var detail in LeakyDriverFactory.DeviceDetails)
        {
            Assert.DoesNotContain(detail, customerText, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SHA256:", customerText, StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(SpeedUpService.SpeedUpServiceClient client)
    {
        using var export = client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
        var csv = new System.Text.StringBuilder();
        await foreach (var chunk in export.ResponseStream.ReadAllAsync(Ct))
        {
            csv.Append(chunk.Data.ToStringUtf8());
        }

        return csv.ToString();
    }
}
