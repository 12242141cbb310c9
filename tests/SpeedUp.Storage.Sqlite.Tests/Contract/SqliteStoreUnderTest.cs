using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpeedUp.Core.Access;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Storage.Sqlite;
using SpeedUp.Testing.Storage;

namespace SpeedUp.Storage.Sqlite.Tests.Contract;

/// <summary>
/// The SQLite stores under the contract: a temp directory per test (the database and the nonce file beside it), the
/// stores as <c>AddSqliteStorage()</c> registers them, and Core's <see cref="InProcessLineLocks"/>, which serve one
/// process only. A second instance is a second provider over the same files, which does not open the nonce file (it
/// belongs to the first: opening it is refused); the first instance deletes the directory.
/// </summary>
public sealed class SqliteStoreUnderTest : IStoreUnderTest
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly ServiceProvider _services;

    private SqliteStoreUnderTest(string directory, bool ownsDirectory)
    {
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SpeedUp:Storage:SqlitePath"] = Path.Combine(directory, "speedup.db") })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSqliteStorage();
        services.AddSingleton<SessionEventSignal>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILineLocks, InProcessLineLocks>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <inheritdoc />
    public string Provider => "SQLite";

    /// <inheritdoc />
    public IServiceProvider Services => _services;

    /// <summary>A fresh, migrated database in a new temp directory.</summary>
    public static async Task<IStoreUnderTest> CreateAsync()
    {
        var store = new SqliteStoreUnderTest(Directory.CreateTempSubdirectory("speedup-contract-").FullName, ownsDirectory: true);
        try
        {
            await store.OpenAsync();
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IStoreUnderTest> SecondInstanceAsync()
    {
        var second = new SqliteStoreUnderTest(_directory, ownsDirectory: false);
        await second.OpenAsync(withNonces: false);
        return second;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDirectory)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>What the host does before serving: the schema is migrated and the nonce file open.</summary>
    private async Task OpenAsync(bool withNonces = true)
    {
        var ct = TestContext.Current.CancellationToken;
        await (await _services.GetRequiredService<SqliteDatabase>().OpenAsync(ct)).DisposeAsync();
        if (withNonces)
        {
            await _services.GetRequiredService<IUsedNonceStore>().OpenAsync(ct);
        }
    }
}
