using SpeedUp.Testing.Storage;

namespace SpeedUp.Storage.Sqlite.Tests.Contract;

// The store contract suite (SpeedUp.Testing.Storage) against SQLite: every inherited fact, each on a fresh database.

public sealed class SqliteSessionStoreContractTests : SessionStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteOrderStoreContractTests : OrderStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteSettlementStoreContractTests : SettlementStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteAccessKeyStoreContractTests : AccessKeyStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqlitePrecheckStoreContractTests : PrecheckStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteStatisticsStoreContractTests : StatisticsStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteUsedNonceStoreContractTests : UsedNonceStoreContractTests
{
    protected override bool SharedByInstances => false; // the nonce file belongs to the instance that opened it

    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteChannelCapacityLedgerContractTests : ChannelCapacityLedgerContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteLineLocksContractTests : LineLocksContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteSessionEventStoreContractTests : SessionEventStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteSessionLookupStoreContractTests : SessionLookupStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}

public sealed class SqliteWebhookStoreContractTests : WebhookStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => SqliteStoreUnderTest.CreateAsync();
}
