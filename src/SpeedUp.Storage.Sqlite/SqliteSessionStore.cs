using System.Net;
using Microsoft.Data.Sqlite;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// Speed-up sessions in SQLite. A partial unique index keeps one open session per line and direction; a session is
/// journalled together with its customer, client request id and order uses; every state change is written together
/// with its events (the outbox), and this instance's watchers are woken after the commit.
/// </summary>
public sealed class SqliteSessionStore(SqliteDatabase database, SessionEventSignal? signal = null) : ISessionStore
{
    /// <summary>The columns <see cref="Read"/> reads, in order.</summary>
    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    internal const int ColumnCount = 22;

    internal const string Columns = "id, band_id, account, ip_address, port, carrier, province, channel, direction, target_kbps, original_kbps, scene, started_at, due_at, state, end_reason, ended_at, last_error, customer_id, client_request_id, request_hash, uncertain_write";

    /// <inheritdoc />
    public async Task InsertAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = $"INSERT INTO sessions ({Columns}) VALUES ($id, $band_id, $account, $ip, $port, $carrier, $province, $channel, $direction, $target, $original, $scene, $started, $due, $state, $reason, $ended, $error, $customer, $client_request, $request_hash, $uncertain)";
                    Bind(command, session);
                    command.Parameters.AddWithValue("$customer", (object?)session.CustomerId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$client_request", (object?)session.ClientRequestId ?? DBNull.Value);
                    command.Parameters.AddWithValue("$request_hash", (object?)session.RequestHash ?? DBNull.Value);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                foreach (var use in session.OrderUses)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO order_uses (session_id, order_id, position, reserved_minutes) VALUES ($session, $order, $position, $minutes)";
                    command.Parameters.AddWithValue("$session", session.Id);
                    command.Parameters.AddWithValue("$order", use.OrderId);
                    command.Parameters.AddWithValue("$position", use.Position);
                    command.Parameters.AddWithValue("$minutes", use.ReservedMinutes);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await SqliteSessionEventStore.AppendAsync(connection, transaction, session.PendingEvents, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            Published(session);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new SessionConflictException($"band_id {session.BandId} already has an open speed-up {session.Direction}; stop it first.");
        }
    }

    /// <inheritdoc />
    public async Task UpdateAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE sessions SET channel = $channel, state = $state, end_reason = $reason, ended_at = $ended, last_error = $error, uncertain_write = $uncertain, due_at = $due WHERE id = $id";
                Bind(command, session);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await SqliteSessionEventStore.AppendAsync(connection, transaction, session.PendingEvents, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Published(session);
    }

    /// <inheritdoc />
    public async Task ExtendAsync(SpeedUpSession session, SessionExtension extension, IReadOnlyList<OrderUse> addedUses, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = "UPDATE sessions SET due_at = $due WHERE id = $id";
                    command.Parameters.AddWithValue("$id", session.Id);
                    command.Parameters.AddWithValue("$due", UnixTime.ToStored(session.DueAt));
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                foreach (var use in addedUses)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO order_uses (session_id, order_id, position, reserved_minutes) VALUES ($session, $order, $position, $minutes)
                        ON CONFLICT (session_id, order_id) DO UPDATE SET reserved_minutes = reserved_minutes + excluded.reserved_minutes
                        """;
                    command.Parameters.AddWithValue("$session", session.Id);
                    command.Parameters.AddWithValue("$order", use.OrderId);
                    command.Parameters.AddWithValue("$position", use.Position);
                    command.Parameters.AddWithValue("$minutes", use.ReservedMinutes);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = """
                        INSERT INTO session_extensions (session_id, customer_id, client_request_id, request_hash, added_minutes, due_before, due_after, extended_at)
                        VALUES ($session, $customer, $client_request, $request_hash, $minutes, $before, $after, $at)
                        """;
                    var p = command.Parameters;
                    p.AddWithValue("$session", extension.SessionId);
                    p.AddWithValue("$customer", extension.CustomerId);
                    p.AddWithValue("$client_request", (object?)extension.ClientRequestId ?? DBNull.Value);
                    p.AddWithValue("$request_hash", (object?)extension.RequestHash ?? DBNull.Value);
                    p.AddWithValue("$minutes", extension.AddedMinutes);
                    p.AddWithValue("$before", UnixTime.ToStored(extension.DueBefore));
                    p.AddWithValue("$after", UnixTime.ToStored(extension.DueAfter));
                    p.AddWithValue("$at", UnixTime.ToStored(extension.ExtendedAt));
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await SqliteSessionEventStore.AppendAsync(connection, transaction, session.PendingEvents, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new SessionConflictException($"client_request_id {extension.ClientRequestId} was already used for an extension.");
        }

        Published(session);
    }

    /// <inheritdoc />
    public async Task<SessionExtension?> FindExtensionAsync(string customerId, string clientRequestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT session_id, customer_id, client_request_id, request_hash, added_minutes, due_before, due_after, extended_at
            FROM session_extensions WHERE customer_id = $customer AND client_request_id = $client_request
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$client_request", clientRequestId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SessionExtension(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetInt32(4), UnixTime.FromStored(r.GetInt64(5)), UnixTime.FromStored(r.GetInt64(6)), UnixTime.FromStored(r.GetInt64(7)))
            : null;
    }

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindAsync(string sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE id = $id", c => c.AddWithValue("$id", sessionId), cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindOpenAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE band_id = $band_id AND direction = $direction AND state <> 'Ended' LIMIT 1",
            c => { c.AddWithValue("$band_id", bandId); c.AddWithValue("$direction", direction.ToString()); },
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindLatestAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE band_id = $band_id AND direction = $direction ORDER BY started_at DESC, rowid DESC LIMIT 1",
            c => { c.AddWithValue("$band_id", bandId); c.AddWithValue("$direction", direction.ToString()); },
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> FindLatestPerDirectionAsync(string customerId, long bandId, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT * FROM (SELECT {Columns} FROM sessions WHERE band_id = $band_id AND direction = 'Up' AND customer_id = $customer
                           ORDER BY started_at DESC, rowid DESC LIMIT 1) AS up
            UNION ALL
            SELECT * FROM (SELECT {Columns} FROM sessions WHERE band_id = $band_id AND direction = 'Down' AND customer_id = $customer
                           ORDER BY started_at DESC, rowid DESC LIMIT 1) AS down
            """,
            c =>
            {
                c.AddWithValue("$band_id", bandId);
                c.AddWithValue("$customer", customerId);
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM sessions WHERE customer_id = $customer AND client_request_id = $client_request ORDER BY started_at DESC, rowid DESC",
            c =>
            {
                c.AddWithValue("$customer", customerId);
                c.AddWithValue("$client_request", clientRequestId);
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ClaimNeedingRestoreAsync(
        string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<SpeedUpSession> claimed = [];
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE sessions SET claimed_by = $instance, claim_until = $until
                WHERE id IN (
                    SELECT id FROM sessions
                    WHERE ((state = 'Active' AND due_at <= $now) OR state IN ('Applying', 'Restoring'))
                      AND (claim_until IS NULL OR claim_until < $now OR claimed_by = $instance)
                    ORDER BY due_at LIMIT $limit)
                RETURNING {Columns}
                """;
            command.Parameters.AddWithValue("$instance", instanceId);
            command.Parameters.AddWithValue("$now", UnixTime.ToStored(now));
            command.Parameters.AddWithValue("$until", UnixTime.ToStored(now + lease));
            command.Parameters.AddWithValue("$limit", limit);
            claimed = await ReadAllAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return [.. claimed.OrderBy(s => s.DueAt)];
    }

    /// <inheritdoc />
    public Task ReleaseClaimAsync(string sessionId, string instanceId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE sessions SET claimed_by = NULL, claim_until = NULL WHERE id = $id AND claimed_by = $instance";
            command.Parameters.AddWithValue("$id", sessionId);
            command.Parameters.AddWithValue("$instance", instanceId);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListEndedWithUncertainWritesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM sessions WHERE uncertain_write = 1 AND state = 'Ended' AND ended_at >= $since ORDER BY ended_at",
            c => c.AddWithValue("$since", UnixTime.ToStored(since)),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(due_at) FROM sessions WHERE state = 'Active' AND due_at > $after";
        command.Parameters.AddWithValue("$after", UnixTime.ToStored(after));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long due ? UnixTime.FromStored(due) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListOpenAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM sessions WHERE state <> 'Ended' ORDER BY started_at",
            _ => { },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<SessionPage> ListOpenAsync(SessionFilter filter, int limit, CancellationToken cancellationToken)
    {
        // Only the given fields become conditions (their values are parameters); the window counts every match before LIMIT.
        var where = "state <> 'Ended'"
            + (filter.BandId is null ? "" : " AND band_id = $band_id")
            + (filter.IpAddress is null ? "" : " AND ip_address = $ip")
            + (filter.CustomerId is null ? "" : " AND customer_id = $customer");
        return database.ReadAsync(
            $"SELECT {Columns}, count(*) OVER () FROM sessions WHERE {where} ORDER BY started_at, rowid LIMIT $limit",
            p =>
            {
                if (filter.BandId is { } band)
                {
                    p.AddWithValue("$band_id", band);
                }

                if (filter.IpAddress is { } ip)
                {
                    p.AddWithValue("$ip", ip.ToString());
                }

                if (filter.CustomerId is { } customer)
                {
                    p.AddWithValue("$customer", customer);
                }

                p.AddWithValue("$limit", limit);
            },
            async (command, ct) =>
            {
                var page = new List<SpeedUpSession>();
                var matching = 0L;
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    page.Add(Read(reader));
                    matching = reader.GetInt64(ColumnCount);
                }

                return new SessionPage(page, (int)(matching - page.Count));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>> CountOpenAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            "SELECT carrier, state, count(*) FROM sessions WHERE state <> 'Ended' GROUP BY carrier, state",
            _ => { },
            async (command, ct) =>
            {
                var counts = new Dictionary<(Carrier Carrier, SessionState State), int>();
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts[(Enum.Parse<Carrier>(reader.GetString(0)), Enum.Parse<SessionState>(reader.GetString(1)))] = reader.GetInt32(2);
                }

                return (IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>)counts;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountActiveDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        (int)await database.ReadAsync(
            "SELECT count(*) FROM sessions WHERE state = 'Active' AND due_at > $after",
            p => p.AddWithValue("$after", UnixTime.ToStored(after)),
            async (command, ct) => (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListActiveDueAfterAsync(
        DateTimeOffset after, SpeedUpSession? following, int limit, CancellationToken cancellationToken) =>
        following is null
            ? await QueryAsync(
                $"SELECT {Columns} FROM sessions WHERE state = 'Active' AND due_at > $after ORDER BY due_at, id LIMIT $limit",
                p =>
                {
                    p.AddWithValue("$after", UnixTime.ToStored(after));
                    p.AddWithValue("$limit", limit);
                },
                cancellationToken).ConfigureAwait(false)
            // The index search starts at the last page's due time (ix_sessions_state_due), not at the first page's.
            : await QueryAsync($"""
                SELECT {Columns} FROM sessions
                WHERE state = 'Active' AND due_at >= $from_due AND (due_at > $from_due OR id > $from_id)
                ORDER BY due_at, id LIMIT $limit
                """,
                p =>
                {
                    p.AddWithValue("$from_due", UnixTime.ToStored(following.DueAt));
                    p.AddWithValue("$from_id", following.Id);
                    p.AddWithValue("$limit", limit);
                },
                cancellationToken).ConfigureAwait(false);

    /// <summary>The session's events are committed: they are no longer pending, and this instance's watchers are woken.</summary>
    private void Published(SpeedUpSession session)
    {
        if (session.PendingEvents.Count > 0)
        {
            session.EventsSaved();
            signal?.Pulse();
        }
    }

    private Task<IReadOnlyList<SpeedUpSession>> QueryAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        database.ReadAsync(sql, bind, ReadAllAsync, cancellationToken);

    private static async Task<IReadOnlyList<SpeedUpSession>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<SpeedUpSession>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    private static void Bind(SqliteCommand command, SpeedUpSession s)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", s.Id);
        p.AddWithValue("$band_id", s.BandId);
        p.AddWithValue("$account", s.Account);
        p.AddWithValue("$ip", s.IpAddress.ToString());
        p.AddWithValue("$port", s.Port);
        p.AddWithValue("$carrier", s.Carrier.ToString());
        p.AddWithValue("$province", s.Province);
        p.AddWithValue("$channel", s.ChannelName);
        p.AddWithValue("$uncertain", s.UncertainWrite ? 1 : 0);
        p.AddWithValue("$direction", s.Direction.ToString());
        p.AddWithValue("$target", s.TargetKbps);
        p.AddWithValue("$original", s.OriginalKbps);
        p.AddWithValue("$scene", s.Scene);
        p.AddWithValue("$started", UnixTime.ToStored(s.StartedAt));
        p.AddWithValue("$due", UnixTime.ToStored(s.DueAt));
        p.AddWithValue("$state", s.State.ToString());
        p.AddWithValue("$reason", s.EndReason.ToString());
        p.AddWithValue("$ended", s.EndedAt is { } ended ? UnixTime.ToStored(ended) : DBNull.Value);
        p.AddWithValue("$error", (object?)s.LastError ?? DBNull.Value);
    }

    /// <summary>One session from a row of <see cref="Columns"/>.</summary>
    internal static SpeedUpSession Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), IPAddress.Parse(r.GetString(3)), r.GetInt32(4),
        Enum.Parse<Carrier>(r.GetString(5)), r.GetString(6), r.GetString(7), Enum.Parse<Direction>(r.GetString(8)),
        r.GetInt64(9), r.GetInt64(10), r.GetString(11), UnixTime.FromStored(r.GetInt64(12)), UnixTime.FromStored(r.GetInt64(13)),
        Enum.Parse<SessionState>(r.GetString(14)), Enum.Parse<EndReason>(r.GetString(15)),
        r.IsDBNull(16) ? null : UnixTime.FromStored(r.GetInt64(16)), r.IsDBNull(17) ? null : r.GetString(17))
    {
        CustomerId = r.IsDBNull(18) ? null : r.GetString(18),
        ClientRequestId = r.IsDBNull(19) ? null : r.GetString(19),
        RequestHash = r.IsDBNull(20) ? null : r.GetString(20),
        UncertainWrite = r.GetInt64(21) != 0,
    };
}
