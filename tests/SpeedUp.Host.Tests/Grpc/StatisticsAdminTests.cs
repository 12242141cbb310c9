using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>
/// <c>StatisticsAdmin</c> (protos/broadband/speedup/admin/v1/statistics.proto): the operator reads a customer's daily
/// figures and detail CSV — the same the customer reads through <c>SpeedUpService</c> — for a customer it names.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class StatisticsAdminTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-statistics-admin-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task CustomerStatisticsAndExport_MatchWhatTheCustomerReads()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Broadband.SpeedUp.V1.Direction.Up);
        var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address })).BandId;
        await service.Client.OrderThirtyDayPackAsync(bandId, Broadband.SpeedUp.V1.Direction.Up, 20);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Broadband.SpeedUp.V1.Direction.Up, TargetBandwidthMbps = 20,
        });
        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Address, BandId = bandId, Direction = Broadband.SpeedUp.V1.Direction.Up });

        var admin = await service.Statistics.GetCustomerStatisticsAsync(new CustomerStatisticsRequest { CustomerId = "demo", Period = ReportPeriod.ThisMonth });
        var own = await service.Client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = Broadband.SpeedUp.V1.StatisticsPeriod.ThisMonth });

        Assert.Equal("demo", admin.CustomerId);
        Assert.Equal(own.Days.Select(d => (d.Date, d.Total, d.Successful, d.Failed)), admin.Days.Select(d => (d.Date, d.Total, d.Successful, d.Failed)));
        Assert.Equal((1L, 1L, 0L), (admin.Days[^1].Total, admin.Days[^1].Successful, admin.Days[^1].Failed));
        Assert.Equal(await ReadAsync(service.Client.ExportDetails(new ExportDetailsRequest { Period = Broadband.SpeedUp.V1.StatisticsPeriod.ThisMonth })
                .ResponseStream.ReadAllAsync().Select(c => c.Data)),
            await ReadAsync(service.Statistics.ExportCustomerDetails(new CustomerExportRequest { CustomerId = "demo", Period = ReportPeriod.ThisMonth })
                .ResponseStream.ReadAllAsync().Select(c => c.Data)));
    }

    [Fact]
    public async Task CustomerStatistics_Refusals_NameTheProblem()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());

        await ProductError.AssertFailsAsync(() => service.Statistics.GetCustomerStatisticsAsync(new CustomerStatisticsRequest { CustomerId = "nobody", Period = ReportPeriod.ThisMonth }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
        await ProductError.AssertFailsAsync(() => service.Statistics.GetCustomerStatisticsAsync(new CustomerStatisticsRequest { CustomerId = "demo" }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => service.Statistics.GetCustomerStatisticsAsync(new CustomerStatisticsRequest
        {
            CustomerId = "demo", Period = ReportPeriod.Custom, FromDate = "2026-01-01", ToDate = "2026-03-01",
        }), "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => new StatisticsAdmin.StatisticsAdminClient(service.SignedBy(service.CustomerKey))
            .GetCustomerStatisticsAsync(new CustomerStatisticsRequest { CustomerId = "demo", Period = ReportPeriod.ThisMonth }),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
    }

    private static async Task<string> ReadAsync(IAsyncEnumerable<Google.Protobuf.ByteString> chunks)
    {
        var text = new StringBuilder();
        await foreach (var chunk in chunks)
        {
            text.Append(chunk.ToStringUtf8());
        }

        return text.ToString();
    }
}
