using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.IntegrationTests;

/// <summary>
/// A client address that keeps failing authentication (bucket of 10, refilled at 1/s here) is refused before any key
/// lookup, with isv.BUSINESS_LIMIT_CONTROL and without a log line per call, while callers from other addresses are
/// served; once its bucket refills, a correctly signed call from it passes again. The "attacker" connects from
/// 127.0.0.2 (its own loopback address), the customer from 127.0.0.1.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class FailedAuthenticationTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string AttackerAddress = "127.0.0.2";
    private const int Burst = 10;
    private static readonly QueryStatusRequest Query = new() { BandId = 330100001 };
    private ServiceProcess _service = null!;
    private GrpcChannel _attacker = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-failed-auth-{Guid.NewGuid():N}.db"),
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
    public async Task An_address_that_keeps_failing_is_refused_cheaply_while_others_are_served()
    {
        var forged = Client(_attacker, _service.CustomerKey with { AccessKeySecret = "a-guessed-secret-value" });
        var honestFromAttacker = Client(_attacker, _service.CustomerKey);

        for (var i = 0; i < Burst; i++)
        {
            await ProductError.AssertFailsAsync(() => forged.QueryStatusAsync(Query), "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
        }

        for (var i = 0; i < 3 * Burst; i++)
        {
            var blocked = await ProductError.AssertFailsAsync(() => forged.QueryStatusAsync(Query), "isv.BUSINESS_LIMIT_CONTROL", StatusCode.ResourceExhausted);
            Assert.Contains("Too many failed authentications", blocked.Status.Detail, StringComparison.Ordinal);
        }

        await ProductError.AssertFailsAsync(() => honestFromAttacker.QueryStatusAsync(Query), "isv.BUSINESS_LIMIT_CONTROL", StatusCode.ResourceExhausted);
        Assert.NotNull(await _service.Client.QueryStatusAsync(Query, cancellationToken: Ct)); // 127.0.0.1 is not affected

        var logged = RefusedFrom().Count(line => line.Contains(AttackerAddress, StringComparison.Ordinal));
        Assert.InRange(logged, Burst, Burst + 3); // one line per real failure (plus refills), not one per blocked call
        Assert.Contains($"Too many failed authentications from {AttackerAddress}", _service.Output, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // one token back
        Assert.NotNull(await honestFromAttacker.QueryStatusAsync(Query, cancellationToken: Ct));
    }

    private IEnumerable<string> RefusedFrom() =>
        UnauthenticatedLine().Matches(_service.Output).Select(m => m.Value);

    private static SpeedUpService.SpeedUpServiceClient Client(GrpcChannel channel, AccessKeyCredentials credentials) =>
        new(channel.Intercept(new SigningInterceptor(credentials)));

    [GeneratedRegex(@"Unauthenticated call to [^\n]*")]
    private static partial Regex UnauthenticatedLine();
}
