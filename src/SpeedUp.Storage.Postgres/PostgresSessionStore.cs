using System.Net;
using Npgsql;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Speed-up sessions in PostgreSQL. A partial unique index keeps one open session per line and direction; a session is
/// journalled together with its customer, client request id and order uses. Restore claims are leased per instance
/// (<c>claimed_by</c>, <c>claim_until</c>) and taken with <c>FOR UPDATE SKIP LOCKED</c>, so instances claiming
/// together get disjoint sessions. Every state change is written together with its events (the outbox,
/// <see cref="PostgresSessionEventStore"/>), and this instance's watchers are woken after the commit.
/// </summary>
public sealed class PostgresSessionStore(PostgresDatabase database, SessionEventSignal? signal = null) : ISessionStore
{
    /// <summary>The columns <see cref="Read"/> reads, in order.</summary>
    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    internal const int ColumnCount = 22;

    internal const string Columns = "id, band_id, account, ip_address, port, carrier, province, channel, direction, target_kbps, original_kbps, scene, started_at, due_at, state, end_reason, ended_at, last_error, customer_id, client_request_id, request_hash, uncertain_write";

    private const string NeedsRestore = "((state = 'Active' AND due_at <= @now) OR state IN ('Applying', 'Restoring'))";

    /// <inheritdoc />
    public async Task InsertAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        try
        {
            await database.InTransactionAsync(async (connection, transaction, ct) =>
            {
                await using (var command = connection.Command(
                    $"INSERT INTO sessions ({Columns}) VALUES (@id, @band_id, @account, @ip, @port, @carrier, @province, @channel, @direction, @target, @original, @scene, @started, @due, @state, @reason, @ended, @error, @customer, @client_request, @request_hash, @uncertain)",
                    transaction))
                {
                    Bind(command, session);
                    command.WithText("customer", session.CustomerId).WithText("client_request", session.ClientRequestId).WithText("request_hash", session.RequestHash);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                foreach (var use in session.OrderUses)
                {
                    await using var command = connection.Command(
                        "INSERT INTO order_uses (session_id, order_id, position, reserved_minutes) VALUES (@session, @order, @position, @minutes)", transaction)
                        .With("session", session.Id).With("order", use.OrderId).With("position", use.Position).With("minutes", use.ReservedMinutes);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await PostgresSessionEventStore.AppendAsync(connection, transaction, session.PendingEvents, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            Published(session);
        }
        catch (PostgresException e) when (PostgresFailures.IsUniqueViolation(e))
        {
            // As the SQLite store: any duplicate (the open-session index above all) is a conflict on the line.
            throw new SessionConflictException($"band_id {session.BandId} already has an open speed-up {session.Direction}; stop it first.");
        }
    }

    /// <inheritdoc />
    public async Task UpdateAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        // One round trip, no explicit transaction: PostgreSQL runs the statements of one batch as one implicit transaction
        // (all or nothing), so the events' order lock is released by the server's commit without waiting for this process.
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("")
                .With("id", session.Id).With("channel", session.ChannelName).With("state", session.State.ToString())
                .With("reason", session.EndReason.ToString()).WithTime("ended", session.EndedAt).WithText("error", session.LastError)
                .With("uncertain", session.UncertainWrite).WithTime("due", session.DueAt);
            command.CommandText = """
                UPDATE sessions SET channel = @channel, state = @state, end_reason = @reason, ended_at = @ended, last_error = @error, uncertain_write = @uncertain, due_at = @due WHERE id = @id;
                """ + PostgresSessionEventStore.Append(command, session.PendingEvents);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        Published(session);
    }

    /// <inheritdoc />
    public async Task ExtendAsync(SpeedUpSession session, SessionExtension extension, IReadOnlyList<OrderUse> addedUses, CancellationToken cancellationToken)
    {
        try
        {
            await database.InTransactionAsync(async (connection, transaction, ct) =>
            {
                await using (var command = connection.Command("UPDATE sessions SET due_at = @due WHERE id = @id", transaction)
                    .With("id", session.Id).WithTime("due", session.DueAt))
                {
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                foreach (var use in addedUses)
                {
                    await using var command = connection.Command("""
                        INSERT INTO order_uses (session_id, order_id, position, reserved_minutes) VALUES (@session, @order, @position, @minutes)
                        ON CONFLICT (session_id, order_id) DO UPDATE SET reserved_minutes = order_uses.reserved_minutes + excluded.reserved_minutes
                        """, transaction)
                        .With("session", session.Id).With("order", use.OrderId).With("position", use.Position).With("minutes", use.ReservedMinutes);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var command = connection.Command("""
                    INSERT INTO session_extensions (session_id, customer_id, client_request_id, request_hash, added_minutes, due_before, due_after, extended_at)
                    VALUES (@session, @customer, @client_request, @request_hash, @minutes, @before, @after, @at)
                    """, transaction)
                    .With("session", extension.SessionId).With("customer", extension.CustomerId).WithText("client_request", extension.ClientRequestId)
                    .WithText("request_hash", extension.RequestHash).With("minutes", extension.AddedMinutes).WithTime("before", extension.DueBefore)
                    .WithTime("after", extension.DueAfter).WithTime("at", extension.ExtendedAt))
                {
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await PostgresSessionEventStore.AppendAsync(connection, transaction, session.PendingEvents, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (PostgresFailures.IsUniqueViolation(e))
        {
            throw new SessionConflictException($"client_request_id {extension.ClientRequestId} was already used for an extension.");
        }

        Published(session);
    }

    /// <inheritdoc />
    public Task<SessionExtension?> FindExtensionAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT session_id, customer_id, client_request_id, request_hash, added_minutes, due_before, due_after, extended_at
                FROM session_extensions WHERE customer_id = @customer AND client_request_id = @client_request
                """).With("customer", customerId).With("client_request", clientRequestId);
            var found = await command.ReadAllAsync(r => new SessionExtension(r.GetString(0), r.GetString(1), r.GetStringOrNull(2), r.GetStringOrNull(3),
                r.GetInt32(4), r.GetTime(5), r.GetTime(6), r.GetTime(7)), ct).ConfigureAwait(false);
            return found.FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindAsync(string sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE id = @id", c => c.With("id", sessionId), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindOpenAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE band_id = @band_id AND direction = @direction AND state <> 'Ended' LIMIT 1",
            c => c.With("band_id", bandId).With("direction", direction.ToString()), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<SpeedUpSession?> FindLatestAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sessions WHERE band_id = @band_id AND direction = @direction ORDER BY started_at DESC, seq DESC LIMIT 1",
            c => c.With("band_id", bandId).With("direction", direction.ToString()), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> FindLatestPerDirectionAsync(string customerId, long bandId, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT * FROM (SELECT {Columns} FROM sessions WHERE band_id = @band_id AND direction = 'Up' AND customer_id = @customer
                           ORDER BY started_at DESC, seq DESC LIMIT 1) AS up
            UNION ALL
            SELECT * FROM (SELECT {Columns} FROM sessions WHERE band_id = @band_id AND direction = 'Down' AND customer_id = @customer
                           ORDER BY started_at DESC, seq DESC LIMIT 1) AS down
            """,
            c => c.With("band_id", bandId).With("customer", customerId), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"SELECT {Columns} FROM sessions WHERE customer_id = @customer AND client_request_id = @client_request ORDER BY started_at DESC, seq DESC",
            c => c.With("customer", customerId).With("client_request", clientRequestId), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ClaimNeedingRestoreAsync(
        string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            WITH claimed AS (
                UPDATE sessions SET claimed_by = @instance, claim_until = @until
                WHERE id IN (
                    SELECT id FROM sessions
                    WHERE {NeedsRestore} AND (claim_until IS NULL OR claim_until < @now OR claimed_by = @instance)
                    ORDER BY due_at LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING {Columns}, seq)
            SELECT {Columns} FROM claimed ORDER BY due_at, seq
            """,
            c => c.With("instance", instanceId).WithTime("now", now).WithTime("until", now + lease).With("limit", limit),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task ReleaseClaimAsync(string sessionId, string instanceId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "UPDATE sessions SET claimed_by = NULL, claim_until = NULL WHERE id = @id AND claimed_by = @instance")
                .With("id", sessionId).With("instance", instanceId);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListEndedWithUncertainWritesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM sessions WHERE uncertain_write AND state = 'Ended' AND ended_at >= @since ORDER BY ended_at, seq",
            c => c.WithTime("since", since), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT min(due_at) FROM sessions WHERE state = 'Active' AND due_at > @after").WithTime("after", after);
            var found = await command.ReadAllAsync(r => r.GetTimeOrNull(0), ct).ConfigureAwait(false);
            return found.FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListOpenAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM sessions WHERE state <> 'Ended' ORDER BY started_at, seq", _ => { }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<SessionPage> ListOpenAsync(SessionFilter filter, int limit, CancellationToken cancellationToken)
    {
        // Only the given fields become conditions (their values are parameters); the window counts every match before LIMIT.
        var where = "state <> 'Ended'"
            + (filter.BandId is null ? "" : " AND band_id = @band_id")
            + (filter.IpAddress is null ? "" : " AND ip_address = @ip")
            + (filter.CustomerId is null ? "" : " AND customer_id = @customer");
        return database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns}, count(*) OVER () FROM sessions WHERE {where} ORDER BY started_at, seq LIMIT @limit")
                .With("limit", limit);
            if (filter.BandId is { } band)
            {
                command.With("band_id", band);
            }

            if (filter.IpAddress is { } ip)
            {
                command.With("ip", ip);
            }

            if (filter.CustomerId is { } customer)
            {
                command.With("customer", customer);
            }

            var rows = await command.ReadAllAsync(r => (Session: Read(r), Matching: r.GetInt64(ColumnCount)), ct).ConfigureAwait(false);
            return new SessionPage(rows.ConvertAll(r => r.Session), rows.Count == 0 ? 0 : (int)(rows[0].Matching - rows.Count));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>> CountOpenAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT carrier, state, count(*)::int FROM sessions WHERE state <> 'Ended' GROUP BY carrier, state");
            var rows = await command.ReadAllAsync(r => (Key: (Enum.Parse<Carrier>(r.GetString(0)), Enum.Parse<SessionState>(r.GetString(1))), Count: r.GetInt32(2)), ct)
                .ConfigureAwait(false);
            return (IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>)rows.ToDictionary(r => r.Key, r => r.Count);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountActiveDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT count(*)::int FROM sessions WHERE state = 'Active' AND due_at > @after").WithTime("after", after);
            return (int)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListActiveDueAfterAsync(
        DateTimeOffset after, SpeedUpSession? following, int limit, CancellationToken cancellationToken) =>
        following is null
            ? await QueryAsync(
                $"SELECT {Columns} FROM sessions WHERE state = 'Active' AND due_at > @after ORDER BY due_at, id LIMIT @limit",
                c => c.WithTime("after", after).With("limit", limit),
                cancellationToken).ConfigureAwait(false)
            // The index search starts at the last page's due time (ix_sessions_state_due), not at the first page's.
            : await QueryAsync($"""
                SELECT {Columns} FROM sessions
                WHERE state = 'Active' AND due_at >= @from_due AND (due_at, id) > (@from_due, @from_id)
                ORDER BY due_at, id LIMIT @limit
                """,
                c => c.WithTime("from_due", following.DueAt).With("from_id", following.Id).With("limit", limit),
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

    private Task<List<SpeedUpSession>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            return await command.ReadAllAsync(Read, ct).ConfigureAwait(false);
        }, cancellationToken);

    private static void Bind(NpgsqlCommand command, SpeedUpSession s) => command
        .With("id", s.Id).With("band_id", s.BandId).With("account", s.Account).With("ip", s.IpAddress).With("port", s.Port)
        .With("carrier", s.Carrier.ToString()).With("province", s.Province).With("channel", s.ChannelName).With("direction", s.Direction.ToString())
        .With("target", s.TargetKbps).With("original", s.OriginalKbps).With("scene", s.Scene).WithTime("started", s.StartedAt).WithTime("due", s.DueAt)
        .With("state", s.State.ToString()).With("reason", s.EndReason.ToString()).WithTime("ended", s.EndedAt).WithText("error", s.LastError)
        .With("uncertain", s.UncertainWrite);

    /// <summary>One session from a row of <see cref="Columns"/>.</summary>
    internal static SpeedUpSession Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetFieldValue<IPAddress>(3), r.GetInt32(4),
        Enum.Parse<Carrier>(r.GetString(5)), r.GetString(6), r.GetString(7), Enum.Parse<Direction>(r.GetString(8)),
        r.GetInt64(9), r.GetInt64(10), r.GetString(11), r.GetTime(12), r.GetTime(13),
        Enum.Parse<SessionState>(r.GetString(14)), Enum.Parse<EndReason>(r.GetString(15)), r.GetTimeOrNull(16), r.GetStringOrNull(17))
    {
        CustomerId = r.GetStringOrNull(18),
        ClientRequestId = r.GetStringOrNull(19),
        RequestHash = r.GetStringOrNull(20),
        UncertainWrite = r.GetBoolean(21),
    };
}
