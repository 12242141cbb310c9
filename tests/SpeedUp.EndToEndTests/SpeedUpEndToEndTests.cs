using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// Through the service as its own process over real sshd: pre-check → order → start → the device shows the new rate →
/// status → stop → the original rate is back. (The other carrier and the rest of the API: tests/SpeedUp.Host.Tests/Grpc.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class SpeedUpEndToEndTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-e2e-{Guid.NewGuid():N}.db");
    private ServiceProcess _service = null!;

    public async ValueTask InitializeAsync() => _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task StartAndStopSpeedUp_OfChinaTelecomLine_SetAndRestoreTheRateOverSsh()
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

}
