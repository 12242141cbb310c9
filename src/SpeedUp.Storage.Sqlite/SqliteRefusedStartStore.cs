using SpeedUp.Core.Statistics;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Refused starts in SQLite (table <c>refused_starts</c>), read by <see cref="SqliteStatisticsStore"/>.</summary>
public sealed class SqliteRefusedStartStore(SqliteDatabase database) : IRefusedStartStore
{
    /// <inheritdoc />
    public Task RecordAsync(RefusedStart refusal, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR IGNORE INTO refused_starts (id, customer_id, band_id, account, carrier, province, direction, target_kbps, refused_at, code, message)
                VALUES ($id, $customer, $band_id, $account, $carrier, $province, $direction, $target, $at, $code, $message)
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", refusal.Id);
            p.AddWithValue("$customer", (object?)refusal.CustomerId ?? DBNull.Value);
            p.AddWithValue("$band_id", refusal.BandId);
            p.AddWithValue("$account", refusal.Account);
            p.AddWithValue("$carrier", refusal.Carrier.ToString());
            p.AddWithValue("$province", refusal.Province);
            p.AddWithValue("$direction", refusal.Direction.ToString());
            p.AddWithValue("$target", refusal.TargetKbps);
            p.AddWithValue("$at", UnixTime.ToStored(refusal.RefusedAt));
            p.AddWithValue("$code", refusal.Code);
            p.AddWithValue("$message", refusal.Message);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
