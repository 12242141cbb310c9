using Microsoft.Data.Sqlite;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Orders;
using SpeedUp.Drivers;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Core.Tests;

/// <summary>Test helpers for orders, customers and settlement.</summary>
internal static class CommercialHarness
{
    /// <summary>
    /// Loads <paramref name="count"/> orders of one bucket in one transaction, freezing their list price on the customer
    /// exactly as <see cref="SqliteOrderStore.PlaceAsync"/> does for one (balance − price, frozen + price).
    /// </summary>
    public static Task BulkOrdersAsync(
        this CoreHarness h, string customerId, int count, Direction direction, int mbps, ProductType product, DateTimeOffset at, decimal listPrice) =>
        h.Database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = SqliteOrderStore.InsertSql;
            var offerId = new Offer(direction, mbps, product).OfferId;
            var month = BillingMonth.Of(at);
            for (var i = 0; i < count; i++)
            {
                insert.Parameters.Clear();
                SqliteOrderStore.Bind(insert, new OfferOrder($"BULK{Guid.NewGuid():N}", customerId, 900_000_000 + (i % 5000), offerId,
                    direction, mbps, product, at, month.End, listPrice, month.ToString()));
                await insert.ExecuteNonQueryAsync(ct);
            }

            await using var freeze = connection.CreateCommand();
            freeze.Transaction = transaction;
            freeze.CommandText = "UPDATE customers SET balance_units = balance_units - $total, frozen_units = frozen_units + $total WHERE id = $id";
            freeze.Parameters.AddWithValue("$total", Money.ToUnits(listPrice) * count);
            freeze.Parameters.AddWithValue("$id", customerId);
            await freeze.ExecuteNonQueryAsync(ct);
        }, CancellationToken.None);
}
