using Microsoft.Extensions.Options;
using Npgsql;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>How the pools are built from the settings (nothing is opened).</summary>
public sealed class PostgresDatabaseTests
{
    [Fact]
    public async Task Pools_PrepareRepeatedStatementsAutomatically_UnlessTheConnectionStringSaysOtherwise()
    {
        await using var byDefault = Database("Host=127.0.0.1;Database=speedup;Username=speedup");
        await using var explicitOff = Database("Host=127.0.0.1;Database=speedup;Username=speedup;Max Auto Prepare=0");

        Assert.Equal(PostgresDatabase.AutoPreparedStatements, Settings(byDefault.DataSource).MaxAutoPrepare);
        Assert.Equal(PostgresDatabase.AutoPreparedStatements, Settings(byDefault.LockDataSource).MaxAutoPrepare);
        Assert.Equal(0, Settings(explicitOff.DataSource).MaxAutoPrepare); // e.g. behind a transaction-pooling proxy
    }

    [Fact]
    public async Task StoresPool_SkipsTheResetOnClose_TheLocksPoolKeepsIt_UnlessTheConnectionStringSaysOtherwise()
    {
        await using var byDefault = Database("Host=127.0.0.1;Database=speedup;Username=speedup");
        await using var explicitReset = Database("Host=127.0.0.1;Database=speedup;Username=speedup;No Reset On Close=false");

        Assert.True(Settings(byDefault.DataSource).NoResetOnClose);
        Assert.False(Settings(byDefault.LockDataSource).NoResetOnClose); // session-level advisory locks: the reset unlocks them all
        Assert.False(Settings(explicitReset.DataSource).NoResetOnClose);
    }

    private static PostgresDatabase Database(string connectionString) =>
        new(Options.Create(new PostgresStorageOptions { ConnectionString = connectionString }));

    private static NpgsqlConnectionStringBuilder Settings(NpgsqlDataSource source) => new(source.ConnectionString);
}
