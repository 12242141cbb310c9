using Microsoft.Extensions.Options;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Tests;

/// <summary>
/// The calling customer's check (<see cref="CustomerService.RequireActiveAsync"/>) over a real SQLite store: a customer
/// found subscribed is not read again for <see cref="CustomerService.SubscribedCacheTime"/>; what refuses a call is never
/// remembered; an unsubscription counts at once on the instance that made it and within the lifetime on another.
/// </summary>
public sealed class CustomerServiceCallerTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private readonly ReadCountingStore _store;
    private readonly CustomerService _service;

    public CustomerServiceCallerTests()
    {
        _store = new ReadCountingStore(_h.CustomerStore);
        _service = new CustomerService(_store, Options.Create(new CustomerOptions()), _h.Time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribedCustomer_IsReadOnce_ThenAgainOnlyAfterTheLifetime()
    {
        Assert.Equal(CoreHarness.Customer, await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct));
        _h.Time.Advance(CustomerService.SubscribedCacheTime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CoreHarness.Customer, await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct));
        Assert.Equal(1, _store.Reads);

        _h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(CoreHarness.Customer, await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct));
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task UnsubscriptionThroughThisInstance_RefusesTheVeryNextCall()
    {
        await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct);

        await _service.SetSubscriptionAsync(CoreHarness.Customer, false, Ct);

        await AssertRefusedAsync(CoreHarness.Customer, ProductErrorCode.ProductUnsubscribed);
    }

    [Fact]
    public async Task UnsubscriptionByAnotherInstance_CountsWithinTheLifetime()
    {
        await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct);
        var other = new CustomerService(_h.CustomerStore, Options.Create(new CustomerOptions()), _h.Time);

        await other.SetSubscriptionAsync(CoreHarness.Customer, false, Ct);

        Assert.Equal(CoreHarness.Customer, await _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct));
        _h.Time.Advance(CustomerService.SubscribedCacheTime);
        await AssertRefusedAsync(CoreHarness.Customer, ProductErrorCode.ProductUnsubscribed);
    }

    [Fact]
    public async Task RefusedCustomers_AreNotRemembered_SoANewSubscriptionOrCustomerCountsAtOnce()
    {
        await _h.CustomerStore.SeedAsync("later", "Later", false, 0m, _h.Time.GetUtcNow(), Ct);
        await AssertRefusedAsync("later", ProductErrorCode.ProductUnsubscribed);
        await AssertRefusedAsync("newcomer", ProductErrorCode.PermissionDenied);

        var other = new CustomerService(_h.CustomerStore, Options.Create(new CustomerOptions()), _h.Time);
        await other.SetSubscriptionAsync("later", true, Ct);
        await other.CreateAsync("newcomer", "Newcomer", true, 0m, Ct);

        Assert.Equal("later", await _service.RequireActiveAsync(Caller("later"), Ct));
        Assert.Equal("newcomer", await _service.RequireActiveAsync(Caller("newcomer"), Ct));
    }

    [Fact]
    public async Task ReadRacingWithAnUnsubscriptionThroughThisInstance_IsNotRemembered()
    {
        var stale = await _h.CustomerStore.FindAsync(CoreHarness.Customer, Ct);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.NextRead = async () =>
        {
            await release.Task; // the read saw "subscribed" before the change below was stored
            return stale;
        };

        var racing = _service.RequireActiveAsync(Caller(CoreHarness.Customer), Ct);
        await _service.SetSubscriptionAsync(CoreHarness.Customer, false, Ct);
        release.SetResult();

        Assert.Equal(CoreHarness.Customer, await racing); // answered from what it read
        await AssertRefusedAsync(CoreHarness.Customer, ProductErrorCode.ProductUnsubscribed); // but did not keep it
    }

    [Fact]
    public async Task OperatorKey_IsRefusedWithoutReadingTheStore()
    {
        await AssertRefusedAsync(null, ProductErrorCode.PermissionDenied);
        Assert.Equal(0, _store.Reads);
    }

    public void Dispose() => _h.Dispose();

    private async Task AssertRefusedAsync(string? customerId, string code)
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _service.RequireActiveAsync(Caller(customerId), Ct));
        Assert.Equal((code, FailureKind.PermissionDenied), (e.Code, e.Kind));
    }

    private static CallerIdentity Caller(string? customerId)
    {
        var caller = new CallerIdentity();
        caller.Identify("AKTEST", customerId);
        return caller;
    }

    /// <summary>The real store, counting its reads; <see cref="NextRead"/> replaces the next one (to hold it mid-flight).</summary>
    private sealed class ReadCountingStore(ICustomerStore inner) : ICustomerStore
    {
        private int _reads;
        private Func<Task<Customer?>>? _nextRead;

        public int Reads => _reads;

        public Func<Task<Customer?>>? NextRead { set => _nextRead = value; }

        public Task<Customer?> FindAsync(string customerId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Interlocked.Exchange(ref _nextRead, null) is { } read ? read() : inner.FindAsync(customerId, cancellationToken);
        }

        public Task<bool> CreateAsync(Customer customer, CancellationToken cancellationToken) => inner.CreateAsync(customer, cancellationToken);

        public Task<Customer> SeedAsync(string customerId, string name, bool subscribed, decimal initialBalance, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.SeedAsync(customerId, name, subscribed, initialBalance, now, cancellationToken);

        public Task<Customer?> TopUpAsync(string customerId, decimal amount, CancellationToken cancellationToken) => inner.TopUpAsync(customerId, amount, cancellationToken);

        public Task<Customer?> SetSubscriptionAsync(string customerId, bool subscribed, CancellationToken cancellationToken) =>
            inner.SetSubscriptionAsync(customerId, subscribed, cancellationToken);
    }
}
