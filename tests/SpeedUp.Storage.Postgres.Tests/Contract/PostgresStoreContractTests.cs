using SpeedUp.Testing.Postgres;
using SpeedUp.Testing.Storage;

namespace SpeedUp.Storage.Postgres.Tests.Contract;

// The store contract suite (SpeedUp.Testing.Storage) against PostgreSQL: every inherited fact, each on a fresh database
// of the assembly's throwaway cluster; the line locks run the shared contract too (advisory locks hold among instances).

public sealed class PostgresSessionStoreContractTests(PostgresClusterFixture postgres) : SessionStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresOrderStoreContractTests(PostgresClusterFixture postgres) : OrderStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresSettlementStoreContractTests(PostgresClusterFixture postgres) : SettlementStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresAccessKeyStoreContractTests(PostgresClusterFixture postgres) : AccessKeyStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresPrecheckStoreContractTests(PostgresClusterFixture postgres) : PrecheckStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresStatisticsStoreContractTests(PostgresClusterFixture postgres) : StatisticsStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresUsedNonceStoreContractTests(PostgresClusterFixture postgres) : UsedNonceStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresChannelCapacityLedgerContractTests(PostgresClusterFixture postgres) : ChannelCapacityLedgerContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresLineLocksContractTests(PostgresClusterFixture postgres) : SharedLineLocksContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresSessionEventStoreContractTests(PostgresClusterFixture postgres) : SessionEventStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresSessionLookupStoreContractTests(PostgresClusterFixture postgres) : SessionLookupStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresWebhookStoreContractTests(PostgresClusterFixture postgres) : WebhookStoreContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}

public sealed class PostgresPeriodicJobTurnsContractTests(PostgresClusterFixture postgres) : PeriodicJobTurnsContractTests
{
    protected override Task<IStoreUnderTest> CreateStoreAsync() => PostgresStoreUnderTest.CreateAsync(postgres);
}
