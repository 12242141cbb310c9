using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SpeedUp.Storage.Postgres;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Benchmarks.Million;

/// <summary>
/// The history in a fresh database of a throwaway PostgreSQL 15 cluster (<see cref="PostgresCluster"/>): the schema by the
/// store's migrator, then one binary <c>COPY</c> stream per table (five connections), then <c>VACUUM ANALYZE</c> — the
/// state autovacuum keeps a long-running database in.
/// </summary>
internal sealed class PostgresHistoryStore(PostgresCluster cluster, string connectionString, string keyPath) : IHistoryStore
{
    private readonly Dictionary<string, (NpgsqlConnection Connection, NpgsqlBinaryImporter Copy)> _copies = new(StringComparer.Ordinal);

    public static async Task<PostgresHistoryStore> StartAsync(CancellationToken cancellationToken)
    {
        var cluster = await PostgresCluster.StartAsync(cancellationToken);
        var connectionString = await cluster.CreateDatabaseAsync("million", cancellationToken);
        return new PostgresHistoryStore(cluster, connectionString, Path.Combine(Path.GetTempPath(), $"speedup-million-{Guid.NewGuid():N}"));
    }

    public string Name => "PostgreSQL";

    public string ServicePath => keyPath;

    public string SteadyStep => "the covering index rebuilt, then VACUUM ANALYZE";

    public IDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["SpeedUp:Storage:Provider"] = "Postgres",
        ["SpeedUp:Storage:ConnectionString"] = connectionString,
        ["SpeedUp:Cluster:InstanceId"] = "million-a",
    };

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await using (var database = NewDatabase())
        {
            await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).MigrateAsync(cancellationToken);
        }

        foreach (var (table, columns) in new[]
        {
            ("sessions", HistoryColumns.Sessions), ("orders", HistoryColumns.Orders), ("order_uses", HistoryColumns.OrderUses),
            ("refused_starts", HistoryColumns.RefusedStarts), ("session_events", HistoryColumns.SessionEvents),
        })
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            _copies[table] = (connection, copy);
        }
    }

    public async Task WriteAsync(StoredSession s, CancellationToken cancellationToken) =>
        await RowAsync("sessions", cancellationToken, (s.Id, NpgsqlDbType.Text), (s.BandId, NpgsqlDbType.Bigint), (s.Account, NpgsqlDbType.Text),
            (IPAddress.Parse(s.IpAddress), NpgsqlDbType.Inet), (s.Port, NpgsqlDbType.Integer), (s.Carrier, NpgsqlDbType.Text), (s.Province, NpgsqlDbType.Text),
            (s.Channel, NpgsqlDbType.Text), (s.Direction, NpgsqlDbType.Text), (s.TargetKbps, NpgsqlDbType.Bigint), (s.OriginalKbps, NpgsqlDbType.Bigint),
            (s.Scene, NpgsqlDbType.Text), (s.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz), (s.DueAt.UtcDateTime, NpgsqlDbType.TimestampTz),
            ("Ended", NpgsqlDbType.Text), (s.EndReason, NpgsqlDbType.Text), (s.EndedAt.UtcDateTime, NpgsqlDbType.TimestampTz), (s.LastError, NpgsqlDbType.Text),
            (s.CustomerId, NpgsqlDbType.Text), (s.ClientRequestId, NpgsqlDbType.Text), (s.RequestHash, NpgsqlDbType.Text), (false, NpgsqlDbType.Boolean));

    public async Task WriteAsync(StoredOrder o, CancellationToken cancellationToken) =>
        await RowAsync("orders", cancellationToken, (o.OrderId, NpgsqlDbType.Text), (o.CustomerId, NpgsqlDbType.Text), (o.BandId, NpgsqlDbType.Bigint),
            (o.OfferId, NpgsqlDbType.Bigint), (o.Direction, NpgsqlDbType.Text), (o.BandwidthMbps, NpgsqlDbType.Integer), (StoredOrder.Product, NpgsqlDbType.Text),
            (o.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz), (o.ExpiresAt.UtcDateTime, NpgsqlDbType.TimestampTz), (StoredOrder.FrozenUnits, NpgsqlDbType.Bigint),
            (o.BillingMonth, NpgsqlDbType.Text), (null, NpgsqlDbType.Text), (null, NpgsqlDbType.Text));

    public async Task WriteAsync(StoredOrderUse u, CancellationToken cancellationToken) =>
        await RowAsync("order_uses", cancellationToken, (u.SessionId, NpgsqlDbType.Text), (u.OrderId, NpgsqlDbType.Text), (0, NpgsqlDbType.Integer),
            (u.ReservedMinutes, NpgsqlDbType.Integer));

    public async Task WriteAsync(StoredRefusal r, CancellationToken cancellationToken) =>
        await RowAsync("refused_starts", cancellationToken, (r.Id, NpgsqlDbType.Text), (r.CustomerId, NpgsqlDbType.Text), (r.BandId, NpgsqlDbType.Bigint),
            (r.Account, NpgsqlDbType.Text), (r.Carrier, NpgsqlDbType.Text), (r.Province, NpgsqlDbType.Text), (r.Direction, NpgsqlDbType.Text),
            (r.TargetKbps, NpgsqlDbType.Bigint), (r.RefusedAt.UtcDateTime, NpgsqlDbType.TimestampTz), (StoredRefusal.Code, NpgsqlDbType.Text),
            (StoredRefusal.Message, NpgsqlDbType.Text));

    public async Task WriteAsync(StoredEvent e, CancellationToken cancellationToken) =>
        await RowAsync("session_events", cancellationToken, (e.EventId, NpgsqlDbType.Text), (e.Kind, NpgsqlDbType.Text),
            (e.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz), (e.CustomerId, NpgsqlDbType.Text), (e.SessionId, NpgsqlDbType.Text),
            (e.BandId, NpgsqlDbType.Bigint), (e.Direction, NpgsqlDbType.Text), (e.State, NpgsqlDbType.Text), (e.EndReason, NpgsqlDbType.Text),
            (e.TargetKbps, NpgsqlDbType.Bigint), (e.OriginalKbps, NpgsqlDbType.Bigint), ("", NpgsqlDbType.Text),
            (e.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz), (e.DueAt.UtcDateTime, NpgsqlDbType.TimestampTz),
            (e.EndedAt?.UtcDateTime, NpgsqlDbType.TimestampTz));

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (connection, copy) in _copies.Values)
        {
            await copy.CompleteAsync(cancellationToken);
            await copy.DisposeAsync();
            await connection.DisposeAsync();
        }

        _copies.Clear();

        // What migration 0006 costs when it upgrades a database this size: the covering index built over the whole table.
        var build = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync("REINDEX INDEX ix_sessions_customer_day", cancellationToken);
        Report.KeyValue("  ix_sessions_customer_day built in", $"{build.Elapsed.TotalSeconds:0.0} s (migration 0006 on an upgrade of this database; writes to sessions wait meanwhile)");
        await ExecuteAsync("VACUUM ANALYZE", cancellationToken);
    }

    public async Task<string> DescribeSizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT pg_size_pretty(pg_database_size(current_database())), pg_size_pretty(pg_total_relation_size('sessions')), pg_size_pretty(pg_indexes_size('sessions'))",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"database {reader.GetString(0)}; sessions {reader.GetString(1)} of which indexes {reader.GetString(2)} (fsync off: a throwaway cluster)";
    }

    public async Task PrintPlansAsync(string customerId, long bandId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The statements of PostgresSessionStore.FindLatestPerDirectionAsync and PostgresStatisticsStore, with their parameters.
        var statements = new (string Name, string Sql)[]
        {
            ("QueryStatus (one direction)", "SELECT * FROM sessions WHERE band_id = @band AND direction = 'Down' AND customer_id = @customer ORDER BY started_at DESC, seq DESC LIMIT 1"),
            ("statistics (CountByDayAsync)", """
                SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, SUM(ok)::bigint, SUM(failed)::bigint
                FROM (SELECT started_at AS at, CASE WHEN end_reason <> 'ApplyFailed' AND state <> 'Applying' THEN 1 ELSE 0 END AS ok,
                             CASE WHEN end_reason = 'ApplyFailed' THEN 1 ELSE 0 END AS failed
                      FROM sessions WHERE customer_id = @customer AND started_at >= @from AND started_at < @to
                      UNION ALL
                      SELECT refused_at, 0, 1 FROM refused_starts WHERE customer_id = @customer AND refused_at >= @from AND refused_at < @to) AS calls
                GROUP BY day ORDER BY day
                """),
            ("export (ReadDetailsAsync)", """
                SELECT account FROM (
                    SELECT account, started_at, 0 AS kind, seq FROM sessions WHERE customer_id = @customer AND started_at >= @from AND started_at < @to
                    UNION ALL
                    SELECT account, refused_at, 1, seq FROM refused_starts WHERE customer_id = @customer AND refused_at >= @from AND refused_at < @to) AS calls
                ORDER BY started_at, kind, seq
                """),
        };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        Report.Line("");
        Report.Line("Query plans (EXPLAIN (ANALYZE, BUFFERS), second run):");
        foreach (var (name, sql) in statements)
        {
            var plan = new List<string>();
            for (var run = 0; run < 2; run++)
            {
                plan.Clear();
                await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
                command.Parameters.AddWithValue("band", bandId);
                command.Parameters.AddWithValue("customer", customerId);
                command.Parameters.AddWithValue("from", from.UtcDateTime);
                command.Parameters.AddWithValue("to", to.UtcDateTime);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    plan.Add(reader.GetString(0));
                }
            }

            Report.Line($"  {name}:");
            foreach (var step in plan)
            {
                Report.Line("    " + step);
            }
        }

        Report.Line("");
    }

    public async Task<T> WithSessionStoreAsync<T>(Func<SpeedUp.Core.Sessions.ISessionStore, Task<T>> use)
    {
        await using var database = NewDatabase();
        return await use(new PostgresSessionStore(database));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, copy) in _copies.Values)
        {
            await copy.DisposeAsync();
            await connection.DisposeAsync();
        }

        await cluster.DisposeAsync();
        File.Delete(keyPath + ".master.key");
    }

    private PostgresDatabase NewDatabase() => new(Options.Create(new PostgresStorageOptions { ConnectionString = connectionString }));

    private async Task RowAsync(string table, CancellationToken cancellationToken, params (object? Value, NpgsqlDbType Type)[] values)
    {
        var copy = _copies[table].Copy;
        await copy.StartRowAsync(cancellationToken);
        foreach (var (value, type) in values)
        {
            if (value is null)
            {
                await copy.WriteNullAsync(cancellationToken);
            }
            else
            {
                await copy.WriteAsync(value, type, cancellationToken);
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
