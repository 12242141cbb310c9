using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>Start-up: migrations under the advisory lock, and the failures a wrong setting gives.</summary>
public sealed class PostgresMigratorTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateAsync_ThreeInstancesAtOnceOnFreshDatabase_AppliesEachScriptOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");
        var databases = Enumerable.Range(0, 3).Select(_ => TestInstances.Database(connectionString)).ToArray();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => TestInstances.Migrator(d).MigrateAsync(Ct)));

            Assert.True(PostgresMigrator.ScriptNames.Count >= 2, "the scripts are embedded");
            Assert.Equal(PostgresMigrator.ScriptNames.Count, applied.Sum());
            Assert.Equal(PostgresMigrator.ScriptNames.Count, await TestInstances.ScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_versions"));
            Assert.Equal(0, await TestInstances.Migrator(databases[0]).MigrateAsync(Ct));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MigrateAsync_WrongPasswordInEnvironment_FailsNamingSettingHostAndUserWithoutPassword()
    {
        var role = $"pw_{Guid.NewGuid():N}"[..20];
        const string RightPassword = "right-Horse-7391";
        const string WrongPassword = "wrong-Battery-2846";
        await postgres.Cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{RightPassword}'", Ct);
        await postgres.Cluster.ExecuteAsync($"CREATE DATABASE {role} OWNER {role}", Ct);
        await postgres.Cluster.RequirePasswordAsync(role, Ct);
        var variable = "SPEEDUP_TEST_PG_PASSWORD_" + role.ToUpperInvariant();
        var connectionString = $"Host=127.0.0.1;Port={postgres.Cluster.Port};Database={role};Username={role}";
        try
        {
            Environment.SetEnvironmentVariable(variable, WrongPassword);
            await using (var database = TestInstances.Database(connectionString, o => o.PasswordEnvironmentVariable = variable))
            {
                var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => TestInstances.Migrator(database).MigrateAsync(Ct));

                Assert.Contains("SpeedUp:Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
                Assert.Contains($"127.0.0.1:{postgres.Cluster.Port}", failure.Message, StringComparison.Ordinal);
                Assert.Contains(role, failure.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(WrongPassword, failure.ToString(), StringComparison.Ordinal);
            }

            // The same setting with the right password in the variable works: the password does come from there.
            Environment.SetEnvironmentVariable(variable, RightPassword);
            await using (var database = TestInstances.Database(connectionString, o => o.PasswordEnvironmentVariable = variable))
            {
                Assert.Equal(PostgresMigrator.ScriptNames.Count, await TestInstances.Migrator(database).MigrateAsync(Ct));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task HostStart_NothingListensOnPort_FailsNamingSettingAndAddress()
    {
        var port = FreePort();
        using var host = BuildHost($"Host=127.0.0.1;Port={port};Database=speedup;Username=speedup;Timeout=5");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));

        Assert.Contains("SpeedUp:Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("database speedup, user speedup", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_ConnectionStringWithPassword_IsRefusedNamingTheVariableSetting()
    {
        const string Password = "in-the-config-5521";
        using var host = BuildHost($"Host=127.0.0.1;Port={postgres.Cluster.Port};Database=speedup;Username=speedup;Password={Password}");

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("SpeedUp:Storage:ConnectionString contains a Password", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Storage:PasswordEnvironmentVariable", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultsWithConnectionString_Succeed()
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = "Host=db;Username=speedup" });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(50, new PostgresStorageOptions().MaxPoolSize);
        Assert.Equal(TimeSpan.FromSeconds(15), new PostgresStorageOptions().CommandTimeout);
        Assert.Equal("SPEEDUP_POSTGRES_PASSWORD", new PostgresStorageOptions().PasswordEnvironmentVariable);
    }

    [Fact]
    public void Validate_NoConnectionStringAndBadLimits_NamesEachKey()
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { MaxPoolSize = 0, CommandTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("SpeedUp:Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Storage:MaxPoolSize", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Storage:CommandTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SpeedUp:Storage:ConnectionString"] = connectionString });
        builder.Services.AddLogging();
        builder.Services.AddPostgresStorage();
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
