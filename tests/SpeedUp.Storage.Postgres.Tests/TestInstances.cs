using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>"Instances" of the service for the tests: each its own <see cref="PostgresDatabase"/> (own pools) over one database.</summary>
internal static class TestInstances
{
    public static PostgresDatabase Database(string connectionString, Action<PostgresStorageOptions>? configure = null)
    {
        var options = new PostgresStorageOptions { ConnectionString = connectionString, MaxPoolSize = 20 };
        configure?.Invoke(options);
        return new PostgresDatabase(Options.Create(options));
    }

    public static PostgresMigrator Migrator(PostgresDatabase database) => new(database, NullLogger<PostgresMigrator>.Instance);

    /// <summary>A fresh database at the current schema; returns its connection string.</summary>
    public static async Task<string> MigratedDatabaseAsync(PostgresClusterFixture postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync().ConfigureAwait(false);
        await using var database = Database(connectionString);
        await Migrator(database).MigrateAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        return connectionString;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static SpeedUpSession Session(string id, long bandId, DateTimeOffset dueAt, SessionState state = SessionState.Active, string? customerId = null) => new(
        id, bandId, "acct-" + bandId, IPAddress.Parse("10.0.0.1"), 1, Carrier.ChinaTelecom, "Zhejiang", "channel-a", Direction.Down,
        200_000, 100_000, "test", dueAt.AddHours(-1), dueAt, state, EndReason.None, null, null)
    {
        CustomerId = customerId,
    };
}
