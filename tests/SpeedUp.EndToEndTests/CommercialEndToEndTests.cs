using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The commercial side across a crash of the service process: orders and starts retried with a client request id after
/// the process was killed and restarted get their first answer, and are charged once. (The rest of the commercial side:
/// tests/SpeedUp.Host.Tests/Customers.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class CommercialEndToEndTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string Ip = "202.101.172.35";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-commercial-{Guid.NewGuid():N}.db");
    private Dictionary<string, SpeedUp.Signing.AccessKeyCredentials> _keys = [];
    private ServiceProcess _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);
        _keys = await TwoCustomers.CreateAsync(_service, Ct);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    /// <summary>The speed-up API as <paramref name="customer"/>: signed by its key (on the current service process).</summary>
    private SpeedUpService.SpeedUpServiceClient As(string customer) => _service.ClientAs(_keys[customer]);

    private static StartSpeedUpRequest StartDown(long bandId, string? requestId = null) => new()
    {
        IpAddress = Ip, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game", ClientRequestId = requestId ?? "",
    };

    private static StopSpeedUpRequest StopDown(long bandId) => new() { IpAddress = Ip, BandId = bandId, Direction = Direction.Down };

    [Fact]
    public async Task OrderAndStart_RetriedWithClientRequestIdAfterCrash_ReturnTheFirstAnswer()
    {
        var precheck = await As("bob").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        var order = new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002, ClientRequestId = "bob-order-1" };
        var first = await As("bob").OrderOfferAsync(order, cancellationToken: Ct);
        var start = await As("bob").StartSpeedUpAsync(StartDown(precheck.BandId, "bob-start-1"), cancellationToken: Ct);

        await _service.KillAsync();
        await _service.DisposeAsync();
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

        try
        {
            Assert.Equal(first.OrderId, (await As("bob").OrderOfferAsync(order, cancellationToken: Ct)).OrderId);
            var again = await As("bob").StartSpeedUpAsync(StartDown(precheck.BandId, "bob-start-1"), cancellationToken: Ct);
            Assert.Equal(start.Status.SessionId, again.Status.SessionId);
            await ProductError.AssertFailsAsync(
                () => As("bob").OrderOfferAsync(new OrderOfferRequest(order) { OfferId = 202001 }),
                "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
            await ProductError.AssertFailsAsync(
                () => As("bob").OrderOfferAsync(new OrderOfferRequest(order) { ClientRequestId = "no spaces" }),
                "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
            var bob = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = "bob" }, cancellationToken: Ct);
            Assert.Equal(("85.00", "15.00"), (bob.Balance, bob.Frozen)); // charged once
        }
        finally
        {
            await As("bob").StopSpeedUpAsync(StopDown(precheck.BandId), cancellationToken: Ct);
        }

        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);
    }

}
