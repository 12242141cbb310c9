using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SpeedUp.Core.Access;
using SpeedUp.Core.Events;
using SpeedUp.Testing.Postgres;
using SpeedUp.Testing.Storage;

namespace SpeedUp.Storage.Postgres.Tests.Contract;

/// <summary>
/// The PostgreSQL stores under the contract: a fresh database of the assembly's throwaway cluster per test, the stores,
/// line locks and ledger as <c>AddPostgresStorage()</c> registers them, migrated as at start-up. A second instance is a
/// second provider (its own pools) over the same database; disposing one ends every session it has open, busy ones too
/// (its advisory locks go with them, as when an instance dies).
/// </summary>
public sealed class PostgresStoreUnderTest : IStoreUnderTest
{
    private readonly string _connectionString;
    private readonly string _application = "contract-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ServiceProvider _services;

    private PostgresStoreUnderTest(string connectionString)
    {
        _connectionString = connectionString;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SpeedUp:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = _application }.ConnectionString,
                ["SpeedUp:Storage:MaxPoolSize"] = "20",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddPostgresStorage();
        services.AddSingleton<SessionEventSignal>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <inheritdoc />
    public string Provider => "PostgreSQL";

    /// <inheritdoc />
    public IServiceProvider Services => _services;

    /// <summary>A fresh, migrated database of <paramref name="postgres"/>'s cluster.</summary>
    public static async Task<IStoreUnderTest> CreateAsync(PostgresClusterFixture postgres)
    {
        var store = new PostgresStoreUnderTest(await postgres.CreateDatabaseAsync("contract"));
        await store.OpenAsync();
        return store;
    }

    /// <inheritdoc />
    public async Task<IStoreUnderTest> SecondInstanceAsync()
    {
        var second = new PostgresStoreUnderTest(_connectionString);
        await second.OpenAsync();
        return second;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE @application || '%'", connection);
        terminate.Parameters.AddWithValue("application", _application);
        await terminate.ExecuteNonQueryAsync();
    }

    private async Task OpenAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var startup in _services.GetServices<IHostedService>().OfType<IHostedLifecycleService>())
        {
            await startup.StartingAsync(ct);
        }

        await _services.GetRequiredService<IUsedNonceStore>().OpenAsync(ct);
    }
}
