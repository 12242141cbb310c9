using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Opens connections to the service's SQLite file and creates the schema on first use. Writes take turns
/// through one asynchronous gate: SQLite allows one writer, and Microsoft.Data.Sqlite waits for a locked
/// database by sleeping 150 ms at a time, which concurrent speed-ups would otherwise hit (docs/benchmarks.md).
/// Commits stay fully synchronous: the intent journal must survive a power loss.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _initGate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates the database accessor for the configured file.</summary>
    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var path = Path.GetFullPath(options.Value.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>An open connection; the schema exists.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_initialized)
        {
            Initialize(connection);
        }

        return connection;
    }

    /// <summary>Runs one write (a statement or a transaction) alone among this process's writers.</summary>
    public async Task WriteAsync(Func<SqliteConnection, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await write(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    /// <summary>Runs the migrations the file has not had yet, each in its own transaction with its version bump.</summary>
    private static void Migrate(SqliteConnection connection)
    {
        long version;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "PRAGMA user_version";
            version = (long)read.ExecuteScalar()!;
        }

        for (var step = (int)version; step < Schema.Migrations.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Schema.Migrations[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private void Initialize(SqliteConnection connection)
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = Schema.Sql;
                command.ExecuteNonQuery();
            }

            Migrate(connection);
            _initialized = true;
        }
    }
}
