using Microsoft.Data.Sqlite;
using SpeedUp.Core.Orders;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Offer orders in SQLite.</summary>
public sealed class SqliteOrderStore(SqliteDatabase database) : IOrderStore
{
    /// <inheritdoc />
    public Task InsertAsync(OfferOrder order, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, ct) => InsertAsync(connection, order, ct), cancellationToken);

    private static async Task InsertAsync(SqliteConnection connection, OfferOrder order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO orders (order_id, band_id, offer_id, created_at) VALUES ($id, $band_id, $offer_id, $created)";
        command.Parameters.AddWithValue("$id", order.OrderId);
        command.Parameters.AddWithValue("$band_id", order.BandId);
        command.Parameters.AddWithValue("$offer_id", order.OfferId);
        command.Parameters.AddWithValue("$created", UnixTime.ToStored(order.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OfferOrder?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT order_id, band_id, offer_id, created_at FROM orders WHERE order_id = $id";
        command.Parameters.AddWithValue("$id", orderId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new OfferOrder(r.GetString(0), r.GetInt64(1), r.GetInt64(2), UnixTime.FromStored(r.GetInt64(3)))
            : null;
    }
}
