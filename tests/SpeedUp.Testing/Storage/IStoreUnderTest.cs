namespace SpeedUp.Testing.Storage;

/// <summary>
/// One storage provider as the store contract suite sees it: a fresh, empty, migrated database for one test, with the
/// service's stores over it. <see cref="Services"/> resolves the Core store interfaces (<c>ISessionStore</c>,
/// <c>IOrderStore</c>, <c>ICustomerStore</c>, <c>ISettlementStore</c>, <c>IAccessKeyStore</c>, <c>IPrecheckStore</c>,
/// <c>IStatisticsStore</c>, <c>IUsedNonceStore</c>, <c>IChannelCapacityLedger</c>, <c>ILineLocks</c>) as the host
/// registers them. Disposing the first instance drops the database (and its files); disposing a second instance only
/// lets go of its own objects and connections.
/// </summary>
/// <remarks>
/// A provider's test project implements this once (SQLite: a temp file per test; PostgreSQL: a database per test on a
/// shared cluster, migrated before use) and derives one sealed class from each contract class in
/// <see cref="SpeedUp.Testing.Storage"/>, overriding <see cref="StoreContractTests.CreateStoreAsync"/>.
/// </remarks>
public interface IStoreUnderTest : IAsyncDisposable
{
    /// <summary>Which provider this is (for messages), e.g. <c>SQLite</c>, <c>PostgreSQL</c>.</summary>
    string Provider { get; }

    /// <summary>The stores of this instance.</summary>
    IServiceProvider Services { get; }

    /// <summary>
    /// A second, independent set of store objects over the same database: what another instance of the service has
    /// (its own connections, its own in-process gates and locks). The caller disposes it.
    /// </summary>
    Task<IStoreUnderTest> SecondInstanceAsync();
}
