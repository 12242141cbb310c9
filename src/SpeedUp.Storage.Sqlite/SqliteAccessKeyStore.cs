using Microsoft.Data.Sqlite;
using SpeedUp.Core.Access;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Access keys and their audit log in SQLite; each change and its audit entry commit together.</summary>
public sealed class SqliteAccessKeyStore(SqliteDatabase database) : IAccessKeyStore
{
    private const string Columns = "id, customer_id, actions, enabled, description, created_at, rotated_at, secret, previous_secret, previous_valid_until";

    /// <inheritdoc />
    public async Task<StoredAccessKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, keyId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CreateAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken)
    {
        var created = false;
        await InTransactionAsync(audit, async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT OR IGNORE INTO access_keys ({Columns}) VALUES ($id, $customer, $actions, $enabled, $description, $created, $rotated, $secret, $previous, $until)";
            Bind(command, key);
            created = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            return created;
        }, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public Task UpsertAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO access_keys ({Columns}) VALUES ($id, $customer, $actions, $enabled, $description, $created, $rotated, $secret, $previous, $until)
                ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, actions = excluded.actions, enabled = 1,
                    description = excluded.description, secret = excluded.secret, previous_secret = NULL, previous_valid_until = NULL
                """;
            Bind(command, key);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> SetEnabledAsync(string keyId, bool enabled, AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        UpdateAsync(keyId, "enabled = $enabled", p => p.AddWithValue("$enabled", enabled ? 1 : 0), audit, cancellationToken);

    /// <inheritdoc />
    public Task<AccessKey?> ReplaceSecretAsync(
        string keyId, byte[] protectedSecret, byte[]? previousProtectedSecret, DateTimeOffset? previousValidUntil, DateTimeOffset rotatedAt,
        AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        UpdateAsync(keyId, "secret = $secret, previous_secret = $previous, previous_valid_until = $until, rotated_at = $rotated", p =>
        {
            p.AddWithValue("$secret", protectedSecret);
            p.AddWithValue("$previous", (object?)previousProtectedSecret ?? DBNull.Value);
            p.AddWithValue("$until", previousValidUntil is { } until ? UnixTime.ToStored(until) : DBNull.Value);
            p.AddWithValue("$rotated", UnixTime.ToStored(rotatedAt));
        }, audit, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string keyId, AccessKeyAuditEntry audit, CancellationToken cancellationToken)
    {
        var deleted = false;
        await InTransactionAsync(audit, async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM access_keys WHERE id = $id";
            command.Parameters.AddWithValue("$id", keyId);
            deleted = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            return deleted;
        }, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public Task AppendAuditAsync(AccessKeyAuditEntry audit, CancellationToken cancellationToken) =>
        InTransactionAsync(audit, (_, _) => Task.FromResult(true), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessKey>> ListAsync(string? customerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM access_keys WHERE $customer IS NULL OR customer_id = $customer ORDER BY id";
        command.Parameters.AddWithValue("$customer", (object?)customerId ?? DBNull.Value);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<AccessKey>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(r).Key);
        }

        return keys;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccessKeyAuditEntry>> ListAuditAsync(string? keyId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, actor, action, key_id, detail FROM access_key_audit WHERE $key IS NULL OR key_id = $key ORDER BY seq DESC LIMIT $limit";
        command.Parameters.AddWithValue("$key", (object?)keyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AccessKeyAuditEntry>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AccessKeyAuditEntry(UnixTime.FromStored(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        }

        return entries;
    }

    private async Task<AccessKey?> UpdateAsync(
        string keyId, string set, Action<SqliteParameterCollection> bind, AccessKeyAuditEntry audit, CancellationToken cancellationToken)
    {
        AccessKey? result = null;
        await InTransactionAsync(audit, async (connection, ct) =>
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"UPDATE access_keys SET {set} WHERE id = $id";
                command.Parameters.AddWithValue("$id", keyId);
                bind(command.Parameters);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            result = (await FindAsync(connection, keyId, ct).ConfigureAwait(false))?.Key;
            return result is not null;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="change"/> in a transaction and records <paramref name="audit"/> when it reports a change.</summary>
    private Task InTransactionAsync(AccessKeyAuditEntry audit, Func<SqliteConnection, CancellationToken, Task<bool>> change, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            if (await change(connection, ct).ConfigureAwait(false))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO access_key_audit (at, actor, action, key_id, detail) VALUES ($at, $actor, $action, $key, $detail)";
                command.Parameters.AddWithValue("$at", UnixTime.ToStored(audit.At));
                command.Parameters.AddWithValue("$actor", audit.Actor);
                command.Parameters.AddWithValue("$action", audit.Action);
                command.Parameters.AddWithValue("$key", audit.KeyId);
                command.Parameters.AddWithValue("$detail", audit.Detail);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

        }, cancellationToken);

    private static async Task<StoredAccessKey?> FindAsync(SqliteConnection connection, string keyId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM access_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", keyId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(r) : null;
    }

    private static StoredAccessKey Read(SqliteDataReader r) => new(
        new AccessKey(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
            r.GetInt64(3) != 0, r.GetString(4), UnixTime.FromStored(r.GetInt64(5)), r.IsDBNull(6) ? null : UnixTime.FromStored(r.GetInt64(6))),
        (byte[])r.GetValue(7), r.IsDBNull(8) ? null : (byte[])r.GetValue(8), r.IsDBNull(9) ? null : UnixTime.FromStored(r.GetInt64(9)));

    private static void Bind(SqliteCommand command, StoredAccessKey stored)
    {
        var p = command.Parameters;
        var key = stored.Key;
        p.AddWithValue("$id", key.Id);
        p.AddWithValue("$customer", (object?)key.CustomerId ?? DBNull.Value);
        p.AddWithValue("$actions", string.Join(',', key.Actions));
        p.AddWithValue("$enabled", key.Enabled ? 1 : 0);
        p.AddWithValue("$description", key.Description);
        p.AddWithValue("$created", UnixTime.ToStored(key.CreatedAt));
        p.AddWithValue("$rotated", key.RotatedAt is { } rotated ? UnixTime.ToStored(rotated) : DBNull.Value);
        p.AddWithValue("$secret", stored.ProtectedSecret);
        p.AddWithValue("$previous", (object?)stored.PreviousProtectedSecret ?? DBNull.Value);
        p.AddWithValue("$until", stored.PreviousValidUntil is { } until ? UnixTime.ToStored(until) : DBNull.Value);
    }
}
