using Npgsql;
using SpeedUp.Core.Access;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>Access keys and their audit log in PostgreSQL; each change and its audit entry commit together.</summary>
public sealed class PostgresAccessKeyStore(PostgresDatabase database) : IAccessKeyStore
{
    private const string Columns = "id, customer_id, actions, enabled, description, created_at, rotated_at, secret, previous_secret, previous_valid_until";

    private const string Values = "(@id, @customer, @actions, @enabled, @description, @created, @rotated, @secret, @previous, @until)";

    /// <inheritdoc />
    public Task<StoredAccessKey?> FindAsync(string keyId, CancellationToken cancellationToken) =>
        database.RunAsync((connection, ct) => FindAsync(connection, null, keyId, ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> CreateAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command($"INSERT INTO access_keys ({Columns}) VALUES {Values} ON CONFLICT (id) DO NOTHING", transaction);
            Bind(command, key);
            var created = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            return (created, created);
        }, cancellationToken);

    /// <inheritdoc />
    public Task UpsertAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command($"""
                INSERT INTO access_keys ({Columns}) VALUES {Values}
                ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, actions = excluded.actions, enabled = true,
                    description = excluded.description, secret = excluded.secret, previous_secret = NULL, previous_valid_until = NULL
                """, transaction);
            Bind(command, key);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return (true, true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> SetEnabledAsync(string keyId, bool enabled, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        UpdateAsync(keyId, "enabled = @enabled", c => c.With("enabled", enabled), audit, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> ReplaceSecretAsync(
        string keyId, byte[] protectedSecret, byte[]? previousProtectedSecret, DateTimeOffset? previousValidUntil, DateTimeOffset rotatedAt,
        AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        UpdateAsync(keyId, "secret = @secret, previous_secret = @previous, previous_valid_until = @until, rotated_at = @rotated", c => c
            .WithBytes("secret", protectedSecret).WithBytes("previous", previousProtectedSecret).WithTime("until", previousValidUntil).WithTime("rotated", rotatedAt),
            audit, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string keyId, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command("DELETE FROM access_keys WHERE id = @id", transaction).With("id", keyId);
            var deleted = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            return (deleted, deleted);
        }, cancellationToken);

    /// <inheritdoc />
    public Task AppendAuditAsync(AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, (_, _, _) => Task.FromResult((true, true)), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessKey>> ListAsync(string? customerId, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {Columns} FROM access_keys WHERE @customer IS NULL OR customer_id = @customer ORDER BY id")
                .WithText("customer", customerId);
            return await command.ReadAllAsync(r => Read(r).Key, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessKeyAuditEntry>> ListAuditAsync(string? keyId, int limit, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "SELECT at, actor, action, key_id, detail FROM access_key_audit WHERE @key IS NULL OR key_id = @key ORDER BY seq DESC LIMIT @limit")
                .WithText("key", keyId).With("limit", limit);
            return await command.ReadAllAsync(r => new AccessKeyAuditEntry(r.GetTime(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), ct)
                .ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private Task<AccessKey?> UpdateAsync(
        string keyId, string set, Action<NpgsqlCommand> bind, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, async (connection, transaction, ct) =>
        {
            await using (var command = connection.Command($"UPDATE access_keys SET {set} WHERE id = @id", transaction).With("id", keyId))
            {
                bind(command);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var key = (await FindAsync(connection, transaction, keyId, ct).ConfigureAwait(false))?.Key;
            return (key is not null, key);
        }, cancellationToken);

    /// <summary>Runs <paramref name="change"/> in a transaction and records <paramref name="audit"/> when it reports a change.</summary>
    private Task<T> InTransactionAsync<T>(
        AccessKeyAuditEntry audit, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<(bool Changed, T Result)>> change, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            var (changed, result) = await change(connection, transaction, ct).ConfigureAwait(false);
            if (changed)
            {
                await using var command = connection.Command(
                    "INSERT INTO access_key_audit (at, actor, action, key_id, detail) VALUES (@at, @actor, @action, @key, @detail)", transaction)
                    .WithTime("at", audit.At).With("actor", audit.Actor).With("action", audit.Action).With("key", audit.KeyId).With("detail", audit.Detail);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return result;
        }, cancellationToken);

    private static async Task<StoredAccessKey?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string keyId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM access_keys WHERE id = @id", transaction).With("id", keyId);
        return (await command.ReadAllAsync(Read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static StoredAccessKey Read(NpgsqlDataReader r) => new(
        new AccessKey(r.GetString(0), r.GetStringOrNull(1), r.GetFieldValue<string[]>(2), r.GetBoolean(3), r.GetString(4), r.GetTime(5), r.GetTimeOrNull(6)),
        r.GetFieldValue<byte[]>(7), r.IsDBNull(8) ? null : r.GetFieldValue<byte[]>(8), r.GetTimeOrNull(9));

    private static void Bind(NpgsqlCommand command, StoredAccessKey stored)
    {
        var key = stored.Key;
        command.With("id", key.Id).WithText("customer", key.CustomerId).With("actions", key.Actions.ToArray()).With("enabled", key.Enabled)
            .With("description", key.Description).WithTime("created", key.CreatedAt).WithTime("rotated", key.RotatedAt)
            .WithBytes("secret", stored.ProtectedSecret).WithBytes("previous", stored.PreviousProtectedSecret).WithTime("until", stored.PreviousValidUntil);
    }
}
