using Microsoft.Extensions.Options;
using Npgsql;
using SpeedUp.Core.Errors;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// The service's PostgreSQL database: two pools built from <see cref="PostgresStorageOptions"/> (the password from the
/// environment), one for the stores and one for connections that hold a lock (line locks, the migration lock), so that
/// holders never wait for a connection they need to finish. Every store goes through <see cref="RunAsync{T}"/>, the one
/// place where a lost database becomes <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _stores;
    private readonly NpgsqlDataSource _locks;
    private readonly string? _password;

    /// <summary>Builds the pools; opens nothing yet.</summary>
    /// <exception cref="InvalidOperationException">The settings are invalid (the message names the key).</exception>
    public PostgresDatabase(IOptions<PostgresStorageOptions> options)
    {
        var settings = options.Value;
        var validation = new PostgresStorageOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new InvalidOperationException(validation.FailureMessage);
        }

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            MaxPoolSize = settings.MaxPoolSize,
            CommandTimeout = (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds),
            PersistSecurityInfo = false,
        };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        if (!Sets(settings.ConnectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            // Statements the stores run again and again are prepared once per physical connection, so a call's reads
            // are a bind and an execute (docs/benchmarks.md, "Signed-call overhead"). A connection string that sets
            // Max Auto Prepare (0 behind a transaction-pooling proxy) is left as it is.
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        _password = Environment.GetEnvironmentVariable(settings.PasswordEnvironmentVariable);
        if (!string.IsNullOrEmpty(_password))
        {
            builder.Password = _password;
        }

        Host = builder.Host ?? "";
        Port = builder.Port;
        User = builder.Username ?? Environment.UserName;
        DatabaseName = builder.Database ?? User;
        var application = builder.ApplicationName ?? "speedup";
        builder.ApplicationName = application;
        var resetGiven = Sets(settings.ConnectionString, "No Reset On Close", "NoResetOnClose");
        if (!resetGiven)
        {
            // The stores leave no session state on a connection (transaction-level locks only; no SET, LISTEN or
            // temporary table), so the reset Npgsql otherwise runs at each next use of a pooled connection is skipped:
            // ≈ 17 % more signed calls a second on PostgreSQL (docs/benchmarks.md, "Signed-call overhead").
            builder.NoResetOnClose = true;
        }

        _stores = NpgsqlDataSource.Create(builder.ConnectionString);
        builder.ApplicationName = application + " (locks)";
        if (!resetGiven)
        {
            // The line locks are session-level advisory locks: their pool keeps the reset (it unlocks everything) as a
            // safety net behind the explicit unlock.
            builder.NoResetOnClose = false;
        }

        _locks = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Statements prepared automatically per connection unless the connection string says otherwise.</summary>
    internal const int AutoPreparedStatements = 64;

    /// <summary>Whether the connection string sets the keyword (under either of its spellings) itself.</summary>
    private static bool Sets(string connectionString, string keyword, string alias)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey(keyword) || given.ContainsKey(alias);
    }

    /// <summary>The server's host as configured.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>The database name (the user name when none is configured).</summary>
    public string DatabaseName { get; }

    /// <summary>The user the service connects as.</summary>
    public string User { get; }

    /// <summary><c>host:port/database</c>, for messages (never a password).</summary>
    public string Address => $"{Host}:{Port}/{DatabaseName}";

    /// <summary>The stores' pool (for the migrations).</summary>
    internal NpgsqlDataSource DataSource => _stores;

    /// <summary>The locks' pool, unmapped (the migrator reports its own start-up failures).</summary>
    internal NpgsqlDataSource LockDataSource => _locks;

    /// <summary>An open connection of the stores' pool.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be reached.</exception>
    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_stores, cancellationToken);

    /// <summary>An open connection of the locks' pool, for a caller that keeps it while it holds a session-level lock.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be reached.</exception>
    internal Task<NpgsqlConnection> OpenLockConnectionAsync(CancellationToken cancellationToken) => OpenAsync(_locks, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a connection of its own; a lost database fails as <see cref="StoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _stores.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own (no result).</summary>
    public Task RunAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync<bool>(async (connection, ct) =>
        {
            await work(connection, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction (read committed) that commits when it returns.</summary>
    public Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await work(connection, transaction, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    /// <summary>Runs one step of work that already has its connection (e.g. reading the next streamed row), with the same mapping.</summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// The exception a lost database becomes: names the store, never the password. The idle connections of both pools
    /// are dropped too: after a server restart each of them would fail once, so the next call opens a fresh one.
    /// </summary>
    internal StoreUnavailableException Unavailable(Exception cause)
    {
        _stores.Clear();
        _locks.Clear();
        return new($"PostgreSQL store at {Address} unavailable: {Scrub(cause.Message)}", cause);
    }

    /// <summary>The exception a start-up failure becomes: names the setting, host, port, database and user, never the password.</summary>
    internal InvalidOperationException StartupFailure(string what, Exception cause) =>
        new($"SpeedUp:Storage:ConnectionString: {what} PostgreSQL at {Host}:{Port}, database {DatabaseName}, user {User} " +
            $"({Scrub(cause.Message)}). Check the host, port, database and user there and the password in the environment variable " +
            "named by SpeedUp:Storage:PasswordEnvironmentVariable.", cause);

    /// <summary>Removes the password from a message, should a server or driver ever quote it.</summary>
    internal string Scrub(string message) =>
        string.IsNullOrEmpty(_password) ? message : message.Replace(_password, "***", StringComparison.Ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stores.DisposeAsync().ConfigureAwait(false);
        await _locks.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFailures.IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }
}
