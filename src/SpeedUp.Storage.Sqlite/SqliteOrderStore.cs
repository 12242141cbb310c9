using Microsoft.Data.Sqlite;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Offer orders in SQLite; placing one freezes its price on the customer's balance in the same transaction.</summary>
public sealed class SqliteOrderStore(SqliteDatabase database) : IOrderStore
{
    private const string Columns = "order_id, customer_id, band_id, offer_id, direction, bandwidth_mbps, product, created_at, expires_at, frozen_units, billing_month, client_request_id, request_hash";

    /// <inheritdoc />
    public async Task<OrderPlacement> PlaceAsync(OfferOrder order, CancellationToken cancellationToken)
    {
        var placement = OrderPlacement.Placed;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            var price = Money.ToUnits(order.FrozenAmount);
            await using (var freeze = connection.CreateCommand())
            {
                freeze.Transaction = transaction;
                freeze.CommandText = "SELECT balance_units FROM customers WHERE id = $id";
                freeze.Parameters.AddWithValue("$id", order.CustomerId);
                var balance = await freeze.ExecuteScalarAsync(ct).ConfigureAwait(false);
                if (balance is not long units)
                {
                    placement = OrderPlacement.UnknownCustomer;
                    return;
                }

                if (units < price)
                {
                    placement = OrderPlacement.InsufficientBalance;
                    return;
                }
            }

            if (order.ClientRequestId is not null)
            {
                await using var exists = connection.CreateCommand();
                exists.Transaction = transaction;
                exists.CommandText = "SELECT 1 FROM orders WHERE customer_id = $customer AND client_request_id = $client_request";
                exists.Parameters.AddWithValue("$customer", order.CustomerId);
                exists.Parameters.AddWithValue("$client_request", order.ClientRequestId);
                if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    placement = OrderPlacement.DuplicateClientRequest;
                    return;
                }
            }

            await using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                update.CommandText = "UPDATE customers SET balance_units = balance_units - $price, frozen_units = frozen_units + $price WHERE id = $id";
                update.Parameters.AddWithValue("$price", price);
                update.Parameters.AddWithValue("$id", order.CustomerId);
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO orders ({Columns}) VALUES ($id, $customer, $band_id, $offer_id, $direction, $mbps, $product, $created, $expires, $frozen, $month, $client_request, $request_hash)";
                Bind(insert, order);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

        }, cancellationToken).ConfigureAwait(false);
        return placement;
    }

    /// <summary>Binds an order's columns (also used to bulk-load orders in one transaction).</summary>
    public static void Bind(SqliteCommand command, OfferOrder order)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", order.OrderId);
        p.AddWithValue("$customer", order.CustomerId);
        p.AddWithValue("$band_id", order.BandId);
        p.AddWithValue("$offer_id", order.OfferId);
        p.AddWithValue("$direction", order.Direction.ToString());
        p.AddWithValue("$mbps", order.BandwidthMbps);
        p.AddWithValue("$product", order.Product.ToString());
        p.AddWithValue("$created", UnixTime.ToStored(order.CreatedAt));
        p.AddWithValue("$expires", UnixTime.ToStored(order.ExpiresAt));
        p.AddWithValue("$frozen", Money.ToUnits(order.FrozenAmount));
        p.AddWithValue("$month", order.BillingMonth);
        p.AddWithValue("$client_request", (object?)order.ClientRequestId ?? DBNull.Value);
        p.AddWithValue("$request_hash", (object?)order.RequestHash ?? DBNull.Value);
    }

    /// <summary>The INSERT statement <see cref="Bind"/> fills.</summary>
    public static string InsertSql => $"INSERT INTO orders ({Columns}) VALUES ($id, $customer, $band_id, $offer_id, $direction, $mbps, $product, $created, $expires, $frozen, $month, $client_request, $request_hash)";

    /// <inheritdoc />
    public async Task<OfferOrder?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM orders WHERE order_id = $id AND customer_id IS NOT NULL",
            c => c.Parameters.AddWithValue("$id", orderId), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<OfferOrder?> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM orders WHERE customer_id = $customer AND client_request_id = $client_request",
            c =>
            {
                c.Parameters.AddWithValue("$customer", customerId);
                c.Parameters.AddWithValue("$client_request", clientRequestId);
            },
            cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<OfferOrder>> ListLineOrdersAsync(
        string customerId, long bandId, Direction direction, DateTimeOffset expiringAfter, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"SELECT {Columns} FROM orders WHERE customer_id = $customer AND band_id = $band_id AND direction = $direction AND expires_at > $after ORDER BY created_at, order_id",
            c =>
            {
                c.Parameters.AddWithValue("$customer", customerId);
                c.Parameters.AddWithValue("$band_id", bandId);
                c.Parameters.AddWithValue("$direction", direction.ToString());
                c.Parameters.AddWithValue("$after", UnixTime.ToStored(expiringAfter));
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderUseRecord>> ListUsesAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var result = new List<OrderUseRecord>();
        if (orderIds.Count == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var names = orderIds.Select((id, i) =>
        {
            command.Parameters.AddWithValue($"$o{i}", id);
            return $"$o{i}";
        }).ToArray();
        command.CommandText = $"""
            SELECT u.session_id, u.order_id, u.position, u.reserved_minutes, s.started_at, s.due_at, s.ended_at, s.state, s.end_reason
            FROM order_uses u JOIN sessions s ON s.id = u.session_id
            WHERE u.session_id IN (SELECT session_id FROM order_uses WHERE order_id IN ({string.Join(", ", names)}))
            ORDER BY u.session_id, u.position
            """;
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new OrderUseRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                UnixTime.FromStored(r.GetInt64(4)), UnixTime.FromStored(r.GetInt64(5)),
                r.IsDBNull(6) ? null : UnixTime.FromStored(r.GetInt64(6)),
                Enum.Parse<SessionState>(r.GetString(7)), Enum.Parse<EndReason>(r.GetString(8))));
        }

        return result;
    }

    private async Task<IReadOnlyList<OfferOrder>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<OfferOrder>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new OfferOrder(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), Enum.Parse<Direction>(r.GetString(4)), r.GetInt32(5),
                Enum.Parse<ProductType>(r.GetString(6)), UnixTime.FromStored(r.GetInt64(7)), UnixTime.FromStored(r.GetInt64(8)),
                Money.FromUnits(r.GetInt64(9)), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12)));
        }

        return result;
    }
}
