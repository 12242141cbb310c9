using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>
/// pre-check → start → the device shows the new rate → status → stop → the original rate is back (China Unicom over
/// SNMP; China Telecom through the real process: tests/SpeedUp.EndToEndTests); CGNAT lines by port; health; reflection.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SpeedUpServiceTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-e2e-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;

    public async ValueTask InitializeAsync() => _service = await InProcessService.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task RequestId_NoneSupplied_EachCallGetsItsOwnVersion4Uuid()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.106.0.20", Port = 0 })).RequestId);
        }

        Assert.All(ids, id => Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task RequestId_SafeOneSupplied_IsEchoed()
    {
        var answer = await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.106.0.20", Port = 0 },
            new Metadata { { "x-request-id", "upstream-trace-42" } });
        Assert.Equal("upstream-trace-42", answer.RequestId);
    }

    [Fact]
    public async Task StartAndStopSpeedUp_OfChinaUnicomLine_SetAndRestoreTheRateOverSnmp()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.106.0.20", Port = 0 });
        Assert.Equal("ChinaUnicom", precheck.Carrier);
        Assert.Equal("Beijing", precheck.Province);
        Assert.Equal(411000001, precheck.BandId);

        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Up, 20);
        await client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.106.0.20", BandId = precheck.BandId, Direction = Direction.Up, TargetBandwidthMbps = 20,
        });
        Assert.Equal(20000, await DeviceViews.SnmpGetAsync(networks, 5, precheck.BandId));

        var status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId });
        Assert.Equal(20, status.Upload.TargetBandwidthMbps);

        await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "202.106.0.20", BandId = precheck.BandId, Direction = Direction.Up });
        Assert.Equal(4000, await DeviceViews.SnmpGetAsync(networks, 5, precheck.BandId));
        status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId });
        Assert.Equal(SessionState.Ended, status.Upload.State);
        Assert.Equal(EndReason.Stopped, status.Upload.EndReason);
    }

    [Fact]
    public async Task Precheck_BehindSharedCgnatAddress_PicksTheLineByPort()
    {
        var client = _service.Client;

        var second = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.100", Port = 2050 });
        var third = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.100", Port = 4000 });

        Assert.Equal(330100004, second.BandId);
        Assert.Equal(330100005, third.BandId);
        await ProductError.AssertFailsAsync(
            () => client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.100", Port = 80 }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
    }

    [Fact]
    public async Task HealthCheck_Always_IsServing()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(_service.Channel);
        var reply = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_ListsTheSpeedUpServiceAndTheAdminServices()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(_service.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("broadband.speedup.v1.SpeedUpService", services);
        foreach (var admin in new[] { "ChannelAdmin", "CustomerAdmin", "AccessKeyAdmin", "WebhookAdmin", "SessionAdmin", "StatisticsAdmin" })
        {
            Assert.Contains("broadband.speedup.admin.v1." + admin, services);
        }
    }
}
