using SpeedUp.Core.Errors;
using SpeedUp.Core.Storage;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Readiness of the SQLite file: it opens (schema in place) and answers a statement.</summary>
public sealed class SqliteStoreProbe(SqliteDatabase database) : IStoreProbe
{
    /// <inheritdoc />
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new StoreUnavailableException($"SQLite store unavailable: {e.Message}", e);
        }
    }
}
