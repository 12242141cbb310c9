using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Benchmarks.Million;

/// <summary>
/// The history in a fresh SQLite file: prepared inserts in transactions of 50,000 sessions, <c>synchronous = OFF</c> for
/// the generation only. The file is deleted at the end unless <c>SPEEDUP_MILLION_KEEP=&lt;path&gt;</c> named it (to look at
/// its plans with <c>sqlite3</c>).
/// </summary>
internal sealed class SqliteHistoryStore(string path, bool keep) : IHistoryStore
{
    private const int SessionsPerTransaction = 50_000;

    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private Commands? _commands;
    private int _sessionsInTransaction;

    public static SqliteHistoryStore Create()
    {
        var keep = Environment.GetEnvironmentVariable("SPEEDUP_MILLION_KEEP");
        return string.IsNullOrEmpty(keep)
            ? new SqliteHistoryStore(Path.Combine(Path.GetTempPath(), $"speedup-million-{Guid.NewGuid():N}.db"), keep: false)
            : new SqliteHistoryStore(Path.GetFullPath(keep), keep: true);
    }

    public string Name => "SQLite";

    public string ServicePath => path;

    public string SteadyStep => "WAL checkpoint";

    public IDictionary<string, string> ServiceSettings { get; } = new Dictionary<string, string>();

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        using (var store = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = path })))
        {
            await using var created = await store.OpenAsync(cancellationToken); // the schema and every migration, as the service makes them
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await _connection.OpenAsync(cancellationToken);
        await using var pragma = _connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task WriteAsync(StoredSession s, CancellationToken cancellationToken)
    {
        if (_sessionsInTransaction == SessionsPerTransaction)
        {
            await CommitAsync(cancellationToken);
        }

        var commands = await CommandsAsync(cancellationToken);
        _sessionsInTransaction++;
        await ExecuteAsync(commands.Session, cancellationToken, ("$id", s.Id), ("$band_id", s.BandId), ("$account", s.Account), ("$ip_address", s.IpAddress),
            ("$port", s.Port), ("$carrier", s.Carrier), ("$province", s.Province), ("$channel", s.Channel), ("$direction", s.Direction),
            ("$target_kbps", s.TargetKbps), ("$original_kbps", s.OriginalKbps), ("$scene", s.Scene), ("$started_at", Ms(s.StartedAt)),
            ("$due_at", Ms(s.DueAt)), ("$state", "Ended"), ("$end_reason", s.EndReason), ("$ended_at", Ms(s.EndedAt)), ("$last_error", s.LastError),
            ("$customer_id", s.CustomerId), ("$client_request_id", s.ClientRequestId), ("$request_hash", s.RequestHash), ("$uncertain_write", 0));
    }

    public async Task WriteAsync(StoredOrder o, CancellationToken cancellationToken) =>
        await ExecuteAsync((await CommandsAsync(cancellationToken)).Order, cancellationToken, ("$order_id", o.OrderId), ("$customer_id", o.CustomerId),
            ("$band_id", o.BandId), ("$offer_id", o.OfferId), ("$direction", o.Direction), ("$bandwidth_mbps", o.BandwidthMbps),
            ("$product", StoredOrder.Product), ("$created_at", Ms(o.CreatedAt)), ("$expires_at", Ms(o.ExpiresAt)), ("$frozen_units", StoredOrder.FrozenUnits),
            ("$billing_month", o.BillingMonth), ("$client_request_id", null), ("$request_hash", null));

    public async Task WriteAsync(StoredOrderUse u, CancellationToken cancellationToken) =>
        await ExecuteAsync((await CommandsAsync(cancellationToken)).Use, cancellationToken,
            ("$session_id", u.SessionId), ("$order_id", u.OrderId), ("$position", 0), ("$reserved_minutes", u.ReservedMinutes));

    public async Task WriteAsync(StoredRefusal r, CancellationToken cancellationToken) =>
        await ExecuteAsync((await CommandsAsync(cancellationToken)).Refusal, cancellationToken, ("$id", r.Id), ("$customer_id", r.CustomerId),
            ("$band_id", r.BandId), ("$account", r.Account), ("$carrier", r.Carrier), ("$province", r.Province), ("$direction", r.Direction),
            ("$target_kbps", r.TargetKbps), ("$refused_at", Ms(r.RefusedAt)), ("$code", StoredRefusal.Code), ("$message", StoredRefusal.Message));

    public async Task WriteAsync(StoredEvent e, CancellationToken cancellationToken) =>
        await ExecuteAsync((await CommandsAsync(cancellationToken)).Event, cancellationToken, ("$event_id", e.EventId), ("$kind", e.Kind),
            ("$occurred_at", Ms(e.OccurredAt)), ("$customer_id", e.CustomerId), ("$session_id", e.SessionId), ("$band_id", e.BandId),
            ("$direction", e.Direction), ("$state", e.State), ("$end_reason", e.EndReason), ("$target_kbps", e.TargetKbps),
            ("$original_kbps", e.OriginalKbps), ("$scene", ""), ("$started_at", Ms(e.StartedAt)), ("$due_at", Ms(e.DueAt)),
            ("$ended_at", e.EndedAt is { } ended ? Ms(ended) : null));

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await CommitAsync(cancellationToken);
        await using var checkpoint = Connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<string> DescribeSizeAsync(CancellationToken cancellationToken) =>
        Task.FromResult($"{new FileInfo(path).Length / 1048576.0:0} MiB ({path})");

    public async Task PrintPlansAsync(string customerId, long bandId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var statements = new (string Name, string Sql)[]
        {
            ("QueryStatus (one direction)", $"SELECT * FROM sessions WHERE band_id = {bandId} AND direction = 'Down' AND customer_id = '{customerId}' ORDER BY started_at DESC, rowid DESC LIMIT 1"),
            ("statistics (CountByDayAsync)", $"SELECT count(*), SUM(CASE WHEN end_reason <> 'ApplyFailed' AND state <> 'Applying' THEN 1 ELSE 0 END) FROM sessions WHERE customer_id = '{customerId}' AND started_at >= {Ms(from)} AND started_at < {Ms(to)}"),
            ("export (ReadDetailsAsync)", $"""
                SELECT account FROM (
                    SELECT account, started_at, 0 AS kind, rowid AS seq FROM sessions WHERE customer_id = '{customerId}' AND started_at >= {Ms(from)} AND started_at < {Ms(to)}
                    UNION ALL
                    SELECT account, refused_at, 1, rowid FROM refused_starts WHERE customer_id = '{customerId}' AND refused_at >= {Ms(from)} AND refused_at < {Ms(to)})
                ORDER BY started_at, kind, seq
                """),
        };
        Report.Line("");
        Report.Line("Query plans (EXPLAIN QUERY PLAN):");
        foreach (var (name, sql) in statements)
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var steps = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                steps.Add(reader.GetString(3));
            }

            Report.KeyValue(name, string.Join("; ", steps));
        }

        Report.Line("");
    }

    public async Task<T> WithSessionStoreAsync<T>(Func<SpeedUp.Core.Sessions.ISessionStore, Task<T>> use)
    {
        using var database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = path }));
        return await use(new SqliteSessionStore(database));
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        _commands?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        foreach (var file in keep ? [] : new[] { path, path + "-wal", path + "-shm", path + ".master.key" })
        {
            File.Delete(file);
        }
    }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("OpenAsync first.");

    private async Task<Commands> CommandsAsync(CancellationToken cancellationToken)
    {
        if (_commands is null)
        {
            _transaction = (SqliteTransaction)await Connection.BeginTransactionAsync(cancellationToken);
            _commands = new Commands(Connection, _transaction);
        }

        return _commands;
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _commands!.Dispose();
            (_transaction, _commands, _sessionsInTransaction) = (null, null, 0);
        }
    }

    private static async Task ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        if (command.Parameters.Count == 0)
        {
            foreach (var (name, _) in values)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
        }

        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>The five inserts of one transaction.</summary>
    private sealed class Commands(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public SqliteCommand Session { get; } = Insert(connection, transaction, "sessions", HistoryColumns.Sessions);

        public SqliteCommand Order { get; } = Insert(connection, transaction, "orders", HistoryColumns.Orders);

        public SqliteCommand Use { get; } = Insert(connection, transaction, "order_uses", HistoryColumns.OrderUses);

        public SqliteCommand Refusal { get; } = Insert(connection, transaction, "refused_starts", HistoryColumns.RefusedStarts);

        public SqliteCommand Event { get; } = Insert(connection, transaction, "session_events", HistoryColumns.SessionEvents);

        public void Dispose()
        {
            foreach (var command in new[] { Session, Order, Use, Refusal, Event })
            {
                command.Dispose();
            }
        }

        private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, string columns)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", columns.Split(", ").Select(c => "$" + c))})";
            return command;
        }
    }
}
