using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// With <c>SpeedUp:Cluster:Instances</c> = 2, each instance enforces half of every limit (rounded up), so two instances
/// behind a balancer admit the configured rate together: a key's burst of 9 is 5 here.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class RateLimitShareTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-share-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string>
            {
                ["SpeedUp:Cluster:Instances"] = "2",
                ["SpeedUp:Security:RateLimits:PerKey:PermitsPerSecond"] = "2",
                ["SpeedUp:Security:RateLimits:PerKey:Burst"] = "9",
            });
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "share", Name = "share", Subscribed = true }, cancellationToken: Ct);
        _service.Time.Advance(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Call_OverTheInstancesShare_IsRefusedAndTheShareRefillsAtItsRate()
    {
        var client = _service.ClientAs(await _service.CreateKeyAsync("share"));

        Assert.Equal(5, await PassedAsync(client, 9)); // ⌈9 / 2⌉ of the key's burst
        _service.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await PassedAsync(client, 3)); // ⌈2 / 2⌉ per second
    }

    private static async Task<int> PassedAsync(SpeedUpService.SpeedUpServiceClient client, int calls)
    {
        var passed = 0;
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await client.QueryStatusAsync(new QueryStatusRequest { BandId = 330100001 }, cancellationToken: Ct);
                passed++;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                Assert.Equal("isv.BUSINESS_LIMIT_CONTROL", e.Trailers.GetValue("x-product-code"));
            }
        }

        return passed;
    }
}
