using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// Per-key and per-customer token buckets (1 call/s refill, bursts of 5 per key and 8 per customer): over the limit is
/// isv.BUSINESS_LIMIT_CONTROL, and one customer's flood never spends another customer's calls.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class RateLimitTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private static readonly QueryStatusRequest Query = new() { BandId = 330100001 };
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-limits-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string>
            {
                ["SpeedUp:Security:RateLimits:PerKey:PermitsPerSecond"] = "1",
                ["SpeedUp:Security:RateLimits:PerKey:Burst"] = "5",
                ["SpeedUp:Security:RateLimits:PerCustomer:PermitsPerSecond"] = "1",
                ["SpeedUp:Security:RateLimits:PerCustomer:Burst"] = "8",
            });
        foreach (var id in new[] { "flood", "quiet", "shared", "refill" })
        {
            await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = id, Name = id, Subscribed = true }, cancellationToken: Ct);
        }

        _service.Time.Advance(TimeSpan.FromMinutes(1)); // the operator key's setup calls refilled: its whole burst for the tests
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    /// <summary>Sends <paramref name="count"/> calls at once; returns how many passed and how many were rate limited (anything else fails the test).</summary>
    private static async Task<(int Passed, int Limited)> BurstAsync(SpeedUpService.SpeedUpServiceClient client, int count)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            try
            {
                await client.QueryStatusAsync(Query, cancellationToken: Ct);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                Assert.Equal("isv.BUSINESS_LIMIT_CONTROL", e.Trailers.GetValue("x-product-code"));
                return false;
            }
        }));
        return (outcomes.Count(o => o), outcomes.Count(o => !o));
    }

    [Fact]
    public async Task Call_OfKeyOverItsLimit_IsRefusedWhileAnotherCustomerIsServedInFull()
    {
        var flood = _service.ClientAs(await _service.CreateKeyAsync("flood"));
        var quiet = _service.ClientAs(await _service.CreateKeyAsync("quiet"));

        var floodTask = BurstAsync(flood, 30);
        var quietTask = BurstAsync(quiet, 5);
        var (floodPassed, floodLimited) = await floodTask;
        var (quietPassed, quietLimited) = await quietTask;

        Assert.Equal(5, floodPassed); // the burst: the service's clock does not move, so nothing refills
        Assert.Equal(30 - floodPassed, floodLimited);
        Assert.Equal((5, 0), (quietPassed, quietLimited));
        var output = await _service.WaitForOutputAsync("is over its rate limit", Ct);
        var reported = output.Split('\n').Count(l => l.Contains("is over its rate limit", StringComparison.Ordinal));
        Assert.Equal(1, reported); // visible once, not once per refused call
        Assert.DoesNotContain("rejected with isv.BUSINESS_LIMIT_CONTROL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AfterTheClockMovesOneSecond_GetsExactlyTheRefilledPermit()
    {
        var client = _service.ClientAs(await _service.CreateKeyAsync("refill"));
        Assert.Equal((5, 1), await BurstAsync(client, 6)); // the key's burst, then refused

        _service.Time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal((0, 1), await BurstAsync(client, 1)); // less than a second: nothing back
        _service.Time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal((1, 1), await BurstAsync(client, 2)); // one second: one permit (1/s)
        _service.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((5, 1), await BurstAsync(client, 6)); // a minute: the burst again, never more
    }

    [Fact]
    public async Task Call_OfCustomersKeys_SharesTheCustomerLimit()
    {
        var first = _service.ClientAs(await _service.CreateKeyAsync("shared"));
        var second = _service.ClientAs(await _service.CreateKeyAsync("shared"));

        var (firstPassed, _) = await BurstAsync(first, 5);
        var (secondPassed, secondLimited) = await BurstAsync(second, 5);

        Assert.Equal(5, firstPassed); // within both the key's and the customer's burst
        Assert.Equal(3, secondPassed); // each key is under its own limit, the customer (8) is not
        Assert.Equal(2, secondLimited);
    }
}
