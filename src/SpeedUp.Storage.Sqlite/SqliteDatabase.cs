using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Storage;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Opens connections to the service's SQLite file and creates the schema on first use. Writes take turns
/// through one writer: SQLite allows one, and Microsoft.Data.Sqlite waits for a locked database by sleeping
/// 150 ms at a time, which concurrent speed-ups would otherwise hit (docs/benchmarks.md); writes that arrive
/// together share one commit. Commits stay fully synchronous: the intent journal must survive a power loss.
/// Hot reads go through <see cref="ReadAsync{T}"/>: kept-open connections whose statements stay prepared, so a
/// read is a bind and a step rather than a connection checkout and a compile (docs/benchmarks.md).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>At most this many read connections are kept open between reads (more may be open during a burst).</summary>
    internal const int MaxIdleReaders = 16;

    private const string WriteSavepoint = "speedup_write";

    private readonly string _connectionString;
    private readonly Lock _initGate = new();
    private readonly GroupCommit<Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>, Exception?> _writes;
    private readonly System.Collections.Concurrent.ConcurrentBag<ReadConnection> _idleReaders = [];
    private volatile bool _initialized;
    private int _idleReaderCount;

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
        _writes = new(CommitAsync);
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

    /// <summary>
    /// Runs one read (<paramref name="sql"/>, bound by <paramref name="bind"/>, read by <paramref name="read"/>) on a
    /// kept-open connection with the statement prepared on it the first time. Each read is its own implicit
    /// transaction (the reader resets the statement), so it sees every commit made before it started.
    /// </summary>
    public async Task<T> ReadAsync<T>(
        string sql, Action<SqliteParameterCollection> bind, Func<SqliteCommand, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var reader = TakeIdleReader() ?? new ReadConnection(await OpenAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            var command = reader.Command(sql);
            command.Parameters.Clear();
            bind(command.Parameters);
            var result = await read(command, cancellationToken).ConfigureAwait(false);
            ReturnIdleReader(reader);
            return result;
        }
        catch
        {
            reader.Dispose(); // a failed or cancelled read does not hand its connection to the next one
            throw;
        }
    }

    /// <summary>
    /// Runs one write — its statements all or none — and returns once it is committed. Writes take turns through one
    /// writer, and writes arriving while a commit is under way share the next one (<see cref="GroupCommit{TWrite, TResult}"/>):
    /// one transaction, each write in a savepoint of its own, so a write that throws is undone alone and its caller gets
    /// its exception, while the others commit — with one fsync for them all. <paramref name="write"/> runs its commands
    /// on the connection it is given (they join the transaction; it must not begin or commit one) and must not wait
    /// for anything but the database: the next writes wait for it.
    /// </summary>
    public async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var failure = await _writes.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Commits a batch of writes in one transaction; each write's failure (or null) in order.</summary>
    private async Task<IReadOnlyList<Exception?>> CommitAsync(
        IReadOnlyList<Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>> writes, CancellationToken cancellationToken)
    {
        var failures = new Exception?[writes.Count];
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            transaction.Save(WriteSavepoint);
            try
            {
                await writes[i](connection, transaction, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failures[i] = e;
                transaction.Rollback(WriteSavepoint); // throws when SQLite already gave the transaction up: the batch fails
            }

            transaction.Release(WriteSavepoint);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return failures;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private ReadConnection? TakeIdleReader()
    {
        if (_idleReaders.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            return reader;
        }

        return null;
    }

    private void ReturnIdleReader(ReadConnection reader)
    {
        if (Interlocked.Increment(ref _idleReaderCount) > MaxIdleReaders)
        {
            Interlocked.Decrement(ref _idleReaderCount);
            reader.Dispose();
            return;
        }

        _idleReaders.Add(reader);
    }

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

    /// <summary>A kept-open connection and the statements prepared on it, by their text (at most <see cref="MaxStatements"/>).</summary>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        private const int MaxStatements = 64;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                return command;
            }

            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
            return command;
        }

        public void Dispose()
        {
            DisposeCommands();
            connection.Dispose();
        }

        private void DisposeCommands()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }
    }
}
