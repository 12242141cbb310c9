using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Core.Access;
using SpeedUp.Core.Customers;
using Admin = Broadband.SpeedUp.Admin.V1;
using SpeedUp.Core.Errors;
using Google.Protobuf.Reflection;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Storage.Sqlite;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// Methods the contract declares read-only (<c>idempotency_level = NO_SIDE_EFFECTS</c>) run while their nonce is being
/// stored and answer only once it is; every other method starts only after. The service runs in process on its real
/// SQLite nonce store, wrapped so a test can hold, refuse or fail the next record; the customer store is wrapped to
/// tell when a handler ran (each handler first reads its caller's customer).
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SideEffectFreeCallTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-readonly-{Guid.NewGuid():N}.db");
    private readonly ScriptedNonceStore.Script _nonces = new();
    private readonly CustomerReads _customerReads = new();
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _service = await InProcessService.StartAsync(networks.Simulators, _database, services: s =>
        {
            s.RemoveAll<IUsedNonceStore>();
            s.AddSingleton<SqliteUsedNonceStore>();
            s.AddSingleton<IUsedNonceStore>(sp => new ScriptedNonceStore(sp.GetRequiredService<SqliteUsedNonceStore>(), _nonces));
            s.RemoveAll<ICustomerStore>();
            s.AddSingleton<SqliteCustomerStore>();
            s.AddSingleton<ICustomerStore>(sp => new ReadSignallingCustomerStore(sp.GetRequiredService<SqliteCustomerStore>(), _customerReads));
        });

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public void TheContract_DeclaresExactlyTheCustomerApisReads_AndNoAdminMethod()
    {
        static IEnumerable<string> Declared(Google.Protobuf.Reflection.ServiceDescriptor service) => service.Methods
            .Where(m => m.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects)
            .Select(m => m.Name);

        Assert.Equal(["FindSessions", "GetBusinessStatistics", "GetProductCatalogue", "ListOffers", "QueryStatus"],
            Declared(SpeedUpService.Descriptor).Order(StringComparer.Ordinal));
        Assert.Empty(new[] { Admin.ChannelAdmin.Descriptor, Admin.CustomerAdmin.Descriptor, Admin.AccessKeyAdmin.Descriptor, Admin.WebhookAdmin.Descriptor, Admin.SessionAdmin.Descriptor, Admin.StatisticsAdmin.Descriptor }
            .SelectMany(Declared));
    }

    [Fact]
    public async Task ReadOnlyCall_RunsWhileItsNonceIsBeingStored_AndAnswersOnceItIs()
    {
        var held = _nonces.HoldNext();
        var handlerRan = _customerReads.Next();

        using var call = _service.Client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct);
        await handlerRan.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the handler read its customer while the record was still held

        held.SetResult(true);
        var status = await call.ResponseAsync;
        Assert.Equal(("OK", SignedCallProbe.Query.BandId), (status.Code, status.BandId));
    }

    [Fact]
    public async Task ReadOnlyCall_WhoseNonceWasUsed_HasOnlyRead_AndIsRefusedAsAReplay()
    {
        _nonces.RefuseNext();
        var handlerRan = _customerReads.Next();

        var e = await ProductError.AssertFailsAsync(() => _service.Client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);

        Assert.Contains("already used", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(handlerRan.IsCompleted); // it ran, and its answer was dropped
    }

    [Fact]
    public async Task ReadOnlyCall_WhoseNonceCannotBeStored_IsNotAnswered()
    {
        _nonces.FailNext(new StoreUnavailableException("the nonce file is gone"));

        await ProductError.AssertFailsAsync(() => _service.Client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct),
            "isp.SYSTEM_ERROR", StatusCode.Unavailable);
    }

    [Fact]
    public async Task CallWithSideEffects_WhoseNonceWasUsed_NeverStarts()
    {
        _nonces.RefuseNext();
        var handlerRan = _customerReads.Next();

        var e = await ProductError.AssertFailsAsync(() => _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);

        Assert.Contains("already used", e.Status.Detail, StringComparison.Ordinal);
        Assert.False(handlerRan.IsCompleted);
        Assert.Equal("OK", (await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct)).Code);
        Assert.True(handlerRan.IsCompleted); // the probe above would have seen a handler that ran
    }

    [Fact]
    public async Task ReadOnlyCall_OutsideTheKeysGrants_IsRefusedWithoutRunning()
    {
        var narrow = _service.ClientAs(await _service.CreateKeyAsync("demo", "SpeedUpService/Precheck"));
        var handlerRan = _customerReads.Next();

        await ProductError.AssertFailsAsync(() => narrow.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);

        Assert.False(handlerRan.IsCompleted);
    }

    /// <summary>Completes a task at the next read of a customer (a handler's first step).</summary>
    private sealed class CustomerReads
    {
        private TaskCompletionSource? _next;

        public Task Next()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _next = next;
            return next.Task;
        }

        public void Signal() => Interlocked.Exchange(ref _next, null)?.TrySetResult();
    }

    private sealed class ReadSignallingCustomerStore(ICustomerStore inner, CustomerReads reads) : ICustomerStore
    {
        public Task<Customer?> FindAsync(string customerId, CancellationToken cancellationToken)
        {
            reads.Signal();
            return inner.FindAsync(customerId, cancellationToken);
        }

        public Task<bool> CreateAsync(Customer customer, CancellationToken cancellationToken) => inner.CreateAsync(customer, cancellationToken);

        public Task<Customer> SeedAsync(string customerId, string name, bool subscribed, decimal initialBalance, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.SeedAsync(customerId, name, subscribed, initialBalance, now, cancellationToken);

        public Task<Customer?> TopUpAsync(string customerId, decimal amount, CancellationToken cancellationToken) => inner.TopUpAsync(customerId, amount, cancellationToken);

        public Task<Customer?> SetSubscriptionAsync(string customerId, bool subscribed, CancellationToken cancellationToken) =>
            inner.SetSubscriptionAsync(customerId, subscribed, cancellationToken);
    }

    /// <summary>The real store, except that the next record may be held until released, refused as a replay, or failed.</summary>
    private sealed class ScriptedNonceStore(IUsedNonceStore inner, ScriptedNonceStore.Script script) : IUsedNonceStore
    {
        public Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

        public async ValueTask<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset now, DateTimeOffset rememberUntil, CancellationToken cancellationToken)
        {
            var next = script.Take();
            return next is null
                ? await inner.TryRecordAsync(accessKeyId, nonce, now, rememberUntil, cancellationToken)
                : await next();
        }

        public sealed class Script
        {
            private Func<Task<bool>>? _next;

            public TaskCompletionSource<bool> HoldNext()
            {
                var held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _next = () => held.Task;
                return held;
            }

            public void RefuseNext() => _next = () => Task.FromResult(false);

            public void FailNext(Exception e) => _next = () => Task.FromException<bool>(e);

            public Func<Task<bool>>? Take() => Interlocked.Exchange(ref _next, null);
        }
    }
}
