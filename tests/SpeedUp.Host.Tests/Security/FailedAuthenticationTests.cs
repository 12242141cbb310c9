using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// A client address that keeps failing authentication (bucket of 10, refilled at 1/s here) is refused before any key
/// lookup, with isv.BUSINESS_LIMIT_CONTROL and without a log line per call, while callers from other addresses are
/// served; once its bucket refills (the fake clock moved on), a correctly signed call from it passes again. The
/// "attacker" calls from 127.0.0.2 (the TestServer hands that remote address to the service), the customer from 127.0.0.1.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed partial class FailedAuthenticationTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string AttackerAddress = "127.0.0.2";
    private const int Burst = 10;
    private static readonly QueryStatusRequest Query = new() { BandId = 330100001 };
    private InProcessService _service = null!;
    private GrpcChannel _attacker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-failed-auth-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string>
            {
                ["SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress:PermitsPerSecond"] = "1",
                ["SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        _attacker = _service.ChannelFrom(AttackerAddress);
    }

    public async ValueTask DisposeAsync()
    {
        _attacker.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Call_FromAddressThatKeepsFailingAuthentication_IsRefusedCheaplyWhileOthersAreServed()
    {
        var forged = Client(_attacker, _service.CustomerKey with { AccessKeySecret = "a-guessed-secret-value" });
        var honestFromAttacker = Client(_attacker, _service.CustomerKey);

        var (unauthenticated, limited) = (0, 0);
        while (limited == 0 && unauthenticated < 10 * Burst)
        {
            _ = await ForgedAsync(forged) ? unauthenticated++ : limited++;
        }

        // The bucket, and nothing more: the service's clock does not move, so nothing refilled while the calls ran.
        Assert.Equal(Burst, unauthenticated);
        for (var i = 0; i < 3 * Burst; i++)
        {
            _ = await ForgedAsync(forged) ? unauthenticated++ : limited++;
        }

        Assert.True(limited > 2 * Burst, $"{limited} of the calls after the bucket ran out were refused unchecked");
        var honestBlocked = false;
        for (var attempt = 0; attempt < 3 && !honestBlocked; attempt++) // a refill between two calls could let one through
        {
            await ForgedAsync(forged);
            honestBlocked = await IsRefusedAsync(honestFromAttacker);
        }

        Assert.True(honestBlocked, "a correctly signed call from the blocked address is refused too");
        Assert.NotNull(await _service.Client.QueryStatusAsync(Query, cancellationToken: Ct)); // 127.0.0.1 is not affected

        await _service.WaitForOutputAsync($"Too many failed authentications from {AttackerAddress}", Ct);
        var logged = RefusedFrom().Count(line => line.Contains(AttackerAddress, StringComparison.Ordinal));
        // Exactly one line per checked failure (the fake clock refilled nothing, so that is the bucket) and none per
        // blocked call: fails if the refusals go unlogged as well as if blocked calls are logged one by one.
        Assert.Equal(Burst, unauthenticated);
        Assert.True(logged == unauthenticated, $"{logged} refusal lines for {unauthenticated} checked failures and {limited} blocked calls");

        _service.Time.Advance(TimeSpan.FromSeconds(1.5)); // a token back
        Assert.NotNull(await honestFromAttacker.QueryStatusAsync(Query, cancellationToken: Ct));
    }

    /// <summary>One forged call: true when it was checked and refused as unauthenticated, false when refused unchecked (rate limited).</summary>
    private static async Task<bool> ForgedAsync(SpeedUpService.SpeedUpServiceClient forged)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => forged.QueryStatusAsync(Query, cancellationToken: Ct).ResponseAsync);
        if (e.StatusCode == StatusCode.Unauthenticated)
        {
            return true;
        }

        Assert.Equal((StatusCode.ResourceExhausted, "isv.BUSINESS_LIMIT_CONTROL"), (e.StatusCode, e.Trailers.GetValue("x-product-code")));
        Assert.Contains("Too many failed authentications", e.Status.Detail, StringComparison.Ordinal);
        return false;
    }

    private static async Task<bool> IsRefusedAsync(SpeedUpService.SpeedUpServiceClient client)
    {
        try
        {
            await client.QueryStatusAsync(Query, cancellationToken: Ct);
            return false;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            return true;
        }
    }

    private IEnumerable<string> RefusedFrom() =>
        UnauthenticatedLine().Matches(_service.Output).Select(m => m.Value);

    private SpeedUpService.SpeedUpServiceClient Client(GrpcChannel channel, AccessKeyCredentials credentials) =>
        new(channel.Intercept(new SigningInterceptor(credentials, _service.Time)));

    [GeneratedRegex(@"Unauthenticated call to [^\n]*")]
    private static partial Regex UnauthenticatedLine();
}
