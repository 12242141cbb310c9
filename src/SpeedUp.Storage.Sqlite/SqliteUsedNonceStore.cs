using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Storage;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Used nonces in their own SQLite file (<see cref="SqliteStorageOptions.NonceFilePath"/>), so recording one never
/// waits for the session journal's writer lock or its fsync. The file belongs to one store: it is opened in exclusive
/// locking mode, so a second instance on the same file is refused at start-up (SQLite serves one instance; several share
/// PostgreSQL). Which nonces are taken is therefore known in memory (<see cref="UsedNonceIndex"/>, loaded from the file
/// at open); the file is the durable record: each use is appended before its call proceeds, the records of concurrent
/// calls sharing one transaction and commit (<see cref="GroupCommit{TWrite, TResult}"/>). Appending touches the end of
/// the table, not a random page of a key index per nonce, which is what recording cost before. Commits are
/// <c>synchronous = NORMAL</c>: they survive the service being killed (the WAL is written before the call proceeds); a
/// power loss may forget the last ones, which only matters if the machine is back within the clock-skew window
/// (docs/security.md, "Replays").
/// </summary>
public sealed class SqliteUsedNonceStore : IUsedNonceStore, IDisposable
{
    /// <summary>Expired records are deleted from the file once every this many records.</summary>
    internal const int SweepEvery = 4096;

    /// <summary>How long opening waits for another holder of the file before it says so.</summary>
    private const int OpenTimeoutSeconds = 5;

    // Locking mode before the journal mode: in exclusive mode the WAL index lives in this process's memory (no -shm
    // file, no file lock per transaction). The first write takes the file's lock and keeps it until the store closes.
    // A file written by an earlier version keeps its nonces in used_nonces, one row per key and nonce: they are moved
    // to the record table once.
    private const string CreateSql = """
        PRAGMA locking_mode = EXCLUSIVE;
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        BEGIN IMMEDIATE;
        CREATE TABLE IF NOT EXISTS used_nonce_records (
            remember_until INTEGER NOT NULL,
            access_key_id TEXT NOT NULL,
            nonce TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_used_nonce_records_until ON used_nonce_records (remember_until);
        CREATE TABLE IF NOT EXISTS used_nonces (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, remember_until INTEGER NOT NULL);
        INSERT INTO used_nonce_records (remember_until, access_key_id, nonce)
            SELECT remember_until, access_key_id, nonce FROM used_nonces ORDER BY remember_until;
        DROP TABLE used_nonces;
        COMMIT;
        """;

    private const string LoadSql = "SELECT access_key_id, nonce, remember_until FROM used_nonce_records ORDER BY rowid";

    private const string RecordSql = "INSERT INTO used_nonce_records (remember_until, access_key_id, nonce) VALUES ($until, $key, $nonce)";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GroupCommit<NonceUse, bool> _group;
    private readonly UsedNonceIndex _taken = new();
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private SqliteCommand? _record;
    private int _sinceSweep;

    /// <summary>Creates the store for the configured file; the file is opened on first use.</summary>
    public SqliteUsedNonceStore(IOptions<SqliteStorageOptions> options)
    {
        FilePath = Path.GetFullPath(options.Value.NonceFilePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = OpenTimeoutSeconds,
            Pooling = false,
        }.ToString();
        _group = new GroupCommit<NonceUse, bool>(RecordAllAsync);
    }

    /// <summary>The file the nonces are kept in.</summary>
    public string FilePath { get; }

    /// <summary>How many uses the store holds in memory (remembered ones and forgotten ones not yet dropped).</summary>
    public int HeldInMemory => _taken.Count;

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken) => await OpenedAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(
        string accessKeyId, string nonce, DateTimeOffset now, DateTimeOffset rememberUntil, CancellationToken cancellationToken)
    {
        if (_record is null)
        {
            await OpenedAsync(cancellationToken).ConfigureAwait(false);
        }

        var until = UnixTime.ToStored(rememberUntil);
        if (!_taken.TryTake(accessKeyId, nonce, UnixTime.ToStored(now), until))
        {
            return false;
        }

        try
        {
            return await _group.WriteAsync(new NonceUse(accessKeyId, nonce, now, until), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The batch was not committed: the nonce is free again. (A cancelled wait keeps it taken: its record may
            // still be committed with its batch.)
            _taken.GiveBack(accessKeyId, nonce, until);
            throw;
        }
    }

    /// <summary>Appends a batch of uses in one transaction; the group commit runs one batch at a time.</summary>
    private async Task<IReadOnlyList<bool>> RecordAllAsync(IReadOnlyList<NonceUse> uses, CancellationToken cancellationToken)
    {
        var record = await OpenedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection!.BeginTransaction();
            record.Transaction = transaction;
            foreach (var use in uses)
            {
                if (++_sinceSweep >= SweepEvery)
                {
                    _sinceSweep = 0;
                    Sweep(transaction, UnixTime.ToStored(use.Now));
                }

                record.Parameters["$until"].Value = use.RememberUntil;
                record.Parameters["$key"].Value = use.AccessKeyId;
                record.Parameters["$nonce"].Value = use.Nonce;
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            return Enumerable.Repeat(true, uses.Count).ToArray();
        }
        finally
        {
            record.Transaction = null;
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _record?.Dispose();
        _connection?.Dispose();
        _gate.Dispose();
    }

    /// <summary>The prepared append, once the file is open and its nonces loaded; the same failure every time it cannot be.</summary>
    private async Task<SqliteCommand> OpenedAsync(CancellationToken cancellationToken)
    {
        if (_record is { } opened)
        {
            return opened;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _record ?? await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SqliteCommand> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        SqliteConnection? connection = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = CreateSql;
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var load = connection.CreateCommand())
            {
                load.CommandText = LoadSql;
                await using var reader = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _taken.Load(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                }
            }

            var record = connection.CreateCommand();
            record.CommandText = RecordSql;
            foreach (var name in (string[])["$until", "$key", "$nonce"])
            {
                record.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            record.Prepare();
            _connection = connection;
            return _record = record;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            var why = e is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }
                ? "another instance holds it: SQLite serves one instance, several share PostgreSQL"
                : e.Message;
            throw new InvalidOperationException(
                $"SpeedUp:Storage:NonceSqlitePath: the used-nonce store {FilePath} cannot be opened ({why}); signed calls cannot be checked for replays.", e);
        }
    }

    private void Sweep(SqliteTransaction transaction, long now)
    {
        using var sweep = _connection!.CreateCommand();
        sweep.Transaction = transaction;
        sweep.CommandText = "DELETE FROM used_nonce_records WHERE remember_until <= $now";
        sweep.Parameters.AddWithValue("$now", now);
        sweep.ExecuteNonQuery();
    }

    private sealed record NonceUse(string AccessKeyId, string Nonce, DateTimeOffset Now, long RememberUntil);
}
