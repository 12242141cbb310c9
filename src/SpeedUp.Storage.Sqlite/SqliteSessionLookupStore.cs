using System.Net;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Storage.Sqlite;

/// <summary>A customer's line by address (its latest pre-check or session there) and its sessions, in SQLite.</summary>
public sealed class SqliteSessionLookupStore(SqliteDatabase database) : ISessionLookupStore
{
    /// <inheritdoc />
    public async Task<long?> LocateBandAsync(string customerId, IPAddress address, int port, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT band_id FROM (
                SELECT band_id, started_at AS at FROM sessions WHERE customer_id = $customer AND ip_address = $ip AND port = $port
                UNION ALL
                SELECT band_id, checked_at FROM prechecks WHERE customer_id = $customer AND ip_address = $ip AND port = $port)
            ORDER BY at DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$ip", address.ToString());
        command.Parameters.AddWithValue("$port", port);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long bandId ? bandId : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpeedUpSession>> ListLatestAsync(string customerId, long bandId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteSessionStore.Columns} FROM sessions WHERE customer_id = $customer AND band_id = $band_id ORDER BY started_at DESC, rowid DESC LIMIT $limit";
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$band_id", bandId);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SpeedUpSession>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(SqliteSessionStore.Read(reader));
        }

        return sessions;
    }
}
