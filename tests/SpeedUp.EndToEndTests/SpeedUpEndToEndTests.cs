using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.IntegrationTests;

/// <summary>pre-check → start → the device shows the new rate → status → stop → the original rate is back, per carrier.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SpeedUpEndToEndTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-e2e-{Guid.NewGuid():N}.db");
    private ServiceProcess _service = null!;

    public async ValueTask InitializeAsync() => _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task China_Telecom_line_is_sped_up_and_restored_over_ssh()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35", Port = 0 });

        Assert.Equal("OK", precheck.Code);
        Assert.False(string.IsNullOrEmpty(precheck.RequestId));
        Assert.Equal(330100001, precheck.BandId);
        Assert.Equal("ChinaTelecom", precheck.Carrier);
        Assert.Equal("Zhejiang", precheck.Province);
        Assert.Equal(4, precheck.UploadBandwidthMbps);
        Assert.Equal(50, precheck.DownloadBandwidthMbps);
        Assert.Contains(precheck.Offers, o => o.Direction == Direction.Down && o.BandwidthMbps == 200 && o.DurationHours == 1);
        Assert.Contains(precheck.Offers, o => o.Direction == Direction.Up && o.BandwidthMbps == 20 && o.DurationHours == 9999);

        var order = await client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 });
        Assert.StartsWith("LX", order.OrderId);

        var start = await client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.101.172.35", Port = 0, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game",
        });
        Assert.True(start.Success);
        Assert.Equal(SessionState.Active, start.Status.State);
        Assert.Equal(200000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);

        var status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId });
        Assert.Equal(200, status.Download.TargetBandwidthMbps);
        Assert.Equal(SessionState.Active, status.Download.State);
        Assert.Equal(3600, status.Download.ExpiresAt.Seconds - status.Download.StartedAt.Seconds); // one hour pack: 60 minutes
        Assert.Null(status.Upload);

        var stop = await client.StopSpeedUpAsync(new StopSpeedUpRequest
        {
            IpAddress = "202.101.172.35", Port = 0, BandId = precheck.BandId, Direction = Direction.Down,
        });
        Assert.True(stop.Success);
        Assert.Equal(EndReason.Stopped, stop.Status.EndReason);
        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);
    }

    [Fact]
    public async Task China_Unicom_line_is_sped_up_and_restored_over_snmp()
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
    public async Task The_port_picks_the_line_behind_a_shared_cgnat_address()
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
    public async Task Health_is_serving()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(_service.Channel);
        var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_service()
    {
        var reflection = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(_service.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "broadband.speedup.v1.SpeedUpService");
    }
}
