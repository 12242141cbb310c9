using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// Replays at the edge of the clock-skew window (README, "Security"): a call is judged at one instant, and its nonce is
/// remembered from its signed time for at least as long as any copy could pass the timestamp check. On the fake clock,
/// at the last tick a copy is accepted (once) and one tick later it is stale.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ReplayWindowTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5); // SpeedUp:Security:ClockSkew
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-replay-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await InProcessService.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private SpeedUpService.SpeedUpServiceClient Unsigned => new(_service.Channel);

    /// <summary>The service's time, down to the whole second a signature holds.</summary>
    private DateTimeOffset WholeSecondNow => DateTimeOffset.FromUnixTimeSeconds(_service.Time.GetUtcNow().ToUnixTimeSeconds());

    private void AdvanceTo(DateTimeOffset instant) => _service.Time.Advance(instant - _service.Time.GetUtcNow());

    [Fact]
    public async Task Call_AtTheLastTickOfTheWindow_IsAcceptedOnceThenRefusedAsReplay()
    {
        var signedAt = WholeSecondNow;
        var headers = SignedCallProbe.Headers(_service.CustomerKey, signedAt);

        AdvanceTo(signedAt + Skew); // the last instant the timestamp check passes
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct));
        await SignedCallProbe.AssertUnauthenticatedAsync(_service, headers, "nonce was already used");
    }

    [Fact]
    public async Task Call_OneTickAfterTheWindow_IsRefusedAsStale()
    {
        var signedAt = WholeSecondNow;
        var used = SignedCallProbe.Headers(_service.CustomerKey, signedAt);
        var unused = SignedCallProbe.Headers(_service.CustomerKey, signedAt);
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, used, cancellationToken: Ct));

        AdvanceTo(signedAt + Skew + TimeSpan.FromTicks(1));
        await SignedCallProbe.AssertUnauthenticatedAsync(_service, used, "more than 300 s from the service's clock");
        await SignedCallProbe.AssertUnauthenticatedAsync(_service, unused, "more than 300 s from the service's clock");
    }

    [Fact]
    public async Task Call_SignedAheadOfTheServiceClock_IsRememberedUntilItsOwnWindowEnds()
    {
        var signedAt = WholeSecondNow + Skew; // a client clock ahead by the whole skew: accepted now, and for 2 × skew
        var headers = SignedCallProbe.Headers(_service.CustomerKey, signedAt);
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct));

        AdvanceTo(signedAt + Skew);
        await SignedCallProbe.AssertUnauthenticatedAsync(_service, headers, "nonce was already used");
        AdvanceTo(signedAt + Skew + TimeSpan.FromTicks(1));
        await SignedCallProbe.AssertUnauthenticatedAsync(_service, headers, "more than 300 s from the service's clock");
    }
}
