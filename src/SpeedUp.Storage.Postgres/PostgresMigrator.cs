using System.Net.Sockets;
using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Brings the database to the current schema with DbUp (the embedded <c>Migrations/*.sql</c>, journalled in
/// <c>schema_versions</c>), holding a PostgreSQL advisory lock meanwhile so that instances starting together migrate
/// one after the other: the first applies the scripts, the others find them journalled.
/// </summary>
public sealed class PostgresMigrator(PostgresDatabase database, ILogger<PostgresMigrator> logger)
{
    /// <summary>The migration lock's key, in the two-int key space (which never meets the line locks' bigint keys): "SP", 1.</summary>
    internal const int LockClassId = 0x5350;

    /// <summary>The second half of the migration lock's key.</summary>
    internal const int LockObjectId = 1;

    /// <summary>The journal table.</summary>
    public const string JournalTable = "schema_versions";

    /// <summary>The embedded scripts' resource names, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = typeof(PostgresMigrator).Assembly.GetManifestResourceNames()
        .Where(IsMigration).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Applies the scripts not journalled yet; returns how many it applied.</summary>
    /// <exception cref="InvalidOperationException">
    /// The database cannot be reached or refuses the credentials (the message names <c>SpeedUp:Storage:ConnectionString</c>,
    /// the host, port, database and user, never the password), or a script fails.
    /// </exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await database.LockDataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw database.StartupFailure("cannot connect to", e);
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await LockAsync(connection, cancellationToken).ConfigureAwait(false);
                try
                {
                    // DbUp is synchronous: run it off the caller's thread; the lock connection stays with us.
                    return await Task.Run(Upgrade, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await UnlockAsync(connection).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                throw database.StartupFailure("lost the connection to", e);
            }
        }
    }

    private int Upgrade()
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(new PostgresqlConnectionManager(database.DataSource))
            .JournalToPostgresqlTable("public", JournalTable)
            .WithScriptsEmbeddedInAssembly(typeof(PostgresMigrator).Assembly, IsMigration)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new UpgradeLog(logger, database))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            if (PostgresFailures.IsUnavailable(result.Error) || PostgresFailures.IsAuthentication(result.Error))
            {
                throw database.StartupFailure("lost the connection to", result.Error);
            }

            throw new InvalidOperationException(
                $"PostgreSQL schema at {database.Address}: migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {database.Scrub(result.Error.Message)}",
                result.Error);
        }

        var applied = result.Scripts.Count();
        Log.MigrationsDone(logger, database.Address, applied, ScriptNames.Count);
        return applied;
    }

    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@c, @o)", connection);
        tryLock.Parameters.AddWithValue("c", LockClassId);
        tryLock.Parameters.AddWithValue("o", LockObjectId);
        if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
        {
            return;
        }

        Log.MigrationLockWaiting(logger, database.Address);
        await using var waitLock = new NpgsqlCommand("SELECT pg_advisory_lock(@c, @o)", connection) { CommandTimeout = 0 };
        waitLock.Parameters.AddWithValue("c", LockClassId);
        waitLock.Parameters.AddWithValue("o", LockObjectId);
        await waitLock.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@c, @o)", connection);
            unlock.Parameters.AddWithValue("c", LockClassId);
            unlock.Parameters.AddWithValue("o", LockObjectId);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with its session.
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private static bool IsMigration(string resourceName) =>
        resourceName.StartsWith("SpeedUp.Storage.Postgres.Migrations.", StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);
}
