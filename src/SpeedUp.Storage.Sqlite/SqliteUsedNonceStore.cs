using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Storage;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Used nonces in their own SQLite file (<see cref="SqliteStorageOptions.NonceFilePath"/>), so recording one never
/// waits for the session journal's writer lock or its fsync. One connection; the records of concurrent calls share one
/// transaction and commit (<see cref="GroupCommit{TWrite, TResult}"/>), each still one statement: an insert whose
/// conflict is an expired entry takes its place, a live entry refuses — both judged at the caller's instant, which also
/// bounds the sweep (an entry is deleted only once that instant has reached its remember-until). Commits are <c>synchronous = NORMAL</c>: they
/// survive the service being killed (the WAL is written before the call proceeds); a power loss may forget the last
/// ones, which only matters if the machine is back within the clock-skew window (README, "Security").
/// </summary>
public sealed class SqliteUsedNonceStore : IUsedNonceStore, IDisposable
{
    /// <summary>Expired entries are deleted once every this many records.</summary>
    internal const int SweepEvery = 4096;

    private const string CreateSql = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS used_nonces (
            access_key_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            remember_until INTEGER NOT NULL,
            PRIMARY KEY (access_key_id, nonce)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_used_nonces_until ON used_nonces (remember_until);
        """;

    private const string RecordSql = """
        INSERT INTO used_nonces (access_key_id, nonce, remember_until) VALUES ($key, $nonce, $until)
        ON CONFLICT (access_key_id, nonce) DO UPDATE SET remember_until = excluded.remember_until
            WHERE used_nonces.remember_until <= $now
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly GroupCommit<NonceUse, bool> _group;
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
            DefaultTimeout = 30,
        }.ToString();
        _group = new GroupCommit<NonceUse, bool>(RecordAllAsync);
    }

    /// <summary>The file the nonces are kept in.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = _record ?? await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryRecordAsync(
        string accessKeyId, string nonce, DateTimeOffset now, DateTimeOffset rememberUntil, CancellationToken cancellationToken) =>
        await _group.WriteAsync(new NonceUse(accessKeyId, nonce, now, rememberUntil), cancellationToken).ConfigureAwait(false);

    /// <summary>Records a batch of uses in one transaction; the group commit runs one batch at a time.</summary>
    private async Task<IReadOnlyList<bool>> RecordAllAsync(IReadOnlyList<NonceUse> uses, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = _record ?? await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var recorded = new bool[uses.Count];
            await using var transaction = (SqliteTransaction)await _connection!.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            record.Transaction = transaction;
            for (var i = 0; i < uses.Count; i++)
            {
                var use = uses[i];
                var at = UnixTime.ToStored(use.Now);
                if (++_sinceSweep >= SweepEvery)
                {
                    _sinceSweep = 0;
                    await SweepAsync(transaction, at, cancellationToken).ConfigureAwait(false);
                }

                record.Parameters["$key"].Value = use.AccessKeyId;
                record.Parameters["$nonce"].Value = use.Nonce;
                record.Parameters["$until"].Value = UnixTime.ToStored(use.RememberUntil);
                record.Parameters["$now"].Value = at;
                recorded[i] = await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return recorded;
        }
        finally
        {
            if (_record is not null)
            {
                _record.Transaction = null;
            }

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

            var record = connection.CreateCommand();
            record.CommandText = RecordSql;
            foreach (var name in (string[])["$key", "$nonce", "$until", "$now"])
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

            throw new InvalidOperationException(
                $"SpeedUp:Storage:NonceSqlitePath: the used-nonce store {FilePath} cannot be opened ({e.Message}); signed calls cannot be checked for replays.", e);
        }
    }

    private async Task SweepAsync(SqliteTransaction transaction, long now, CancellationToken cancellationToken)
    {
        await using var sweep = _connection!.CreateCommand();
        sweep.Transaction = transaction;
        sweep.CommandText = "DELETE FROM used_nonces WHERE remember_until <= $now";
        sweep.Parameters.AddWithValue("$now", now);
        await sweep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record NonceUse(string AccessKeyId, string Nonce, DateTimeOffset Now, DateTimeOffset RememberUntil);
}
