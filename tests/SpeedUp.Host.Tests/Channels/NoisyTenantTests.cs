using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Scheduler;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// One customer floods a carrier's channel with pre-checks while another starts a speed-up: the service (in process)
/// with its one China Telecom channel (SSH CLI, 2 pooled sessions, 2 s operation timeout), the simulated BRAS answering
/// every command after 150 ms. The flooder's calls beyond its fair share are refused as busy; the other customer's
/// pre-check and start get the next free call slot ahead of the flood, and the channel's circuit never counts a fault.
/// (Before per-channel admission, the flood queued inside the session pool, the other customer waited behind it, and
/// queue waits beyond 2 s failed as device timeouts that opened the breaker for everyone.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class NoisyTenantTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string QuietIp = "202.101.172.35"; // band 330100001, zj0571a0001: 50 down
    private const string QuietAccount = "zj0571a0001";
    private const string FloodIp = "202.101.172.36";
    private const int FloodCalls = 40;

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-noisy-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;
    private Dictionary<string, AccessKeyCredentials> _keys = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, _database,
            new Dictionary<string, string> { ["SpeedUp:Channels:0:OperationTimeout"] = "00:00:02" }, cancellationToken: Ct);
        _keys = await TwoCustomers.CreateAsync(_service, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task PrecheckFlood_ByOneCustomer_AnotherCustomersStartSucceedsAheadOfIt_AndTheBreakerStaysClosed()
    {
        var flooder = _service.ClientAs(_keys["alice"]);
        var quiet = _service.ClientAs(_keys["bob"]);
        await using var restorer = new LineRestorer(quiet, QuietIp, Direction.Down);
        networks.Telecom.Faults.CommandLatency = TimeSpan.FromMilliseconds(150);

        var flood = Enumerable.Range(1, FloodCalls).Select(port => OutcomeAsync(flooder, port)).ToList();
        var precheck = await quiet.PrecheckAsync(new PrecheckRequest { IpAddress = QuietIp }, cancellationToken: Ct);
        var floodStillRunning = flood.Count(f => !f.IsCompleted);
        await quiet.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        var started = await quiet.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = QuietIp, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game",
        }, cancellationToken: Ct);

        Assert.Equal("OK", precheck.Code);
        Assert.Equal(SessionState.Active, started.Status.State);
        Assert.Equal(200000, networks.Telecom.State.FindByAccount(QuietAccount)!.DownKbps);
        Assert.True(floodStillRunning > 0, "The quiet customer's pre-check waited for the whole flood to drain.");

        var outcomes = await Task.WhenAll(flood);
        Assert.DoesNotContain("isp.SYSTEM_ERROR", outcomes);
        Assert.Contains("isv.BUSINESS_LIMIT_CONTROL", outcomes); // beyond its share, refused at once as busy
        Assert.Contains("OK", outcomes);
        var channel = _service.Services.GetRequiredService<SupplyChannelRegistry>().Channel("ct-huawei-ssh")!;
        Assert.Equal((ChannelCircuitState.Closed, 0L), (channel.Circuit, channel.Counters.ChannelFaults));
        Assert.True(channel.Counters.RefusedBusy > 0);
        Assert.Equal(0, channel.Admission.ActiveCustomers);

        networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;
        await quiet.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = QuietIp, BandId = precheck.BandId, Direction = Direction.Down }, cancellationToken: Ct);
        Assert.Equal(50000, networks.Telecom.State.FindByAccount(QuietAccount)!.DownKbps);
    }

    /// <summary>A flood pre-check's product code: "OK", or the code of the error it ended with.</summary>
    private static async Task<string> OutcomeAsync(SpeedUpService.SpeedUpServiceClient client, int port)
    {
        try
        {
            var reply = await client.PrecheckAsync(new PrecheckRequest { IpAddress = FloodIp, Port = port }, cancellationToken: Ct);
            return reply.Code;
        }
        catch (RpcException e)
        {
            return ProductError.CodeOf(e);
        }
    }
}
