using Npgsql;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Offer orders in PostgreSQL; placing one freezes its price on the customer's balance in the same transaction, with
/// the customer's row locked (<c>FOR UPDATE</c>) so that instances placing orders for one customer take turns.
/// </summary>
public sealed class PostgresOrderStore(PostgresDatabase database) : IOrderStore
{
    private const string Columns = "order_id, customer_id, band_id, offer_id, direction, bandwidth_mbps, product, created_at, expires_at, frozen_units, billing_month, client_request_id, request_hash";

    /// <inheritdoc />
    public async Task<OrderPlacement> PlaceAsync(OfferOrder order, CancellationToken cancellationToken)
    {
        try
        {
            return await database.InTransactionAsync((connection, transaction, ct) => PlaceAsync(connection, transaction, order, ct), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PostgresException e) when (PostgresFailures.IsUniqueViolation(e, "ux_orders_client_request"))
        {
            return OrderPlacement.DuplicateClientRequest;
        }
    }

    /// <inheritdoc />
    public async Task<OfferOrder?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM orders WHERE order_id = @id AND customer_id IS NOT NULL",
            c => c.With("id", orderId), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<OfferOrder?> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM orders WHERE customer_id = @customer AND client_request_id = @client_request",
            c => c.With("customer", customerId).With("client_request", clientRequestId), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<OfferOrder>> ListLineOrdersAsync(
        string customerId, long bandId, Direction direction, DateTimeOffset expiringAfter, CancellationToken cancellationToken) =>
        await QueryAsync(
            $"SELECT {Columns} FROM orders WHERE customer_id = @customer AND band_id = @band_id AND direction = @direction AND expires_at > @after ORDER BY created_at, order_id",
            c => c.With("customer", customerId).With("band_id", bandId).With("direction", direction.ToString()).WithTime("after", expiringAfter),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderUseRecord>> ListUsesAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        if (orderIds.Count == 0)
        {
            return [];
        }

        return await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT u.session_id, u.order_id, u.position, u.reserved_minutes, s.started_at, s.due_at, s.ended_at, s.state, s.end_reason
                FROM order_uses u JOIN sessions s ON s.id = u.session_id
                WHERE u.session_id IN (SELECT session_id FROM order_uses WHERE order_id = ANY(@orders))
                ORDER BY u.session_id, u.position
                """).With("orders", orderIds.ToArray());
            return await command.ReadAllAsync(r => new OrderUseRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                r.GetTime(4), r.GetTime(5), r.GetTimeOrNull(6), Enum.Parse<SessionState>(r.GetString(7)), Enum.Parse<EndReason>(r.GetString(8))), ct)
                .ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<OrderPlacement> PlaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OfferOrder order, CancellationToken ct)
    {
        var price = Money.ToUnits(order.FrozenAmount);
        await using (var balance = connection.Command("SELECT balance_units FROM customers WHERE id = @id FOR UPDATE", transaction).With("id", order.CustomerId))
        {
            if (await balance.ExecuteScalarAsync(ct).ConfigureAwait(false) is not long units)
            {
                return OrderPlacement.UnknownCustomer;
            }

            if (units < price)
            {
                return OrderPlacement.InsufficientBalance;
            }
        }

        if (order.ClientRequestId is not null)
        {
            // Read after the customer's lock: a concurrent placement of the same request has committed by now.
            await using var exists = connection.Command("SELECT 1 FROM orders WHERE customer_id = @customer AND client_request_id = @client_request", transaction)
                .With("customer", order.CustomerId).With("client_request", order.ClientRequestId);
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return OrderPlacement.DuplicateClientRequest;
            }
        }

        await using (var freeze = connection.Command(
            "UPDATE customers SET balance_units = balance_units - @price, frozen_units = frozen_units + @price WHERE id = @id", transaction)
            .With("price", price).With("id", order.CustomerId))
        {
            await freeze.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var insert = connection.Command(
            $"INSERT INTO orders ({Columns}) VALUES (@id, @customer, @band_id, @offer_id, @direction, @mbps, @product, @created, @expires, @frozen, @month, @client_request, @request_hash)",
            transaction))
        {
            insert.With("id", order.OrderId).With("customer", order.CustomerId).With("band_id", order.BandId).With("offer_id", order.OfferId)
                .With("direction", order.Direction.ToString()).With("mbps", order.BandwidthMbps).With("product", order.Product.ToString())
                .WithTime("created", order.CreatedAt).WithTime("expires", order.ExpiresAt).With("frozen", price).With("month", order.BillingMonth)
                .WithText("client_request", order.ClientRequestId).WithText("request_hash", order.RequestHash);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return OrderPlacement.Placed;
    }

    private Task<List<OfferOrder>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            return await command.ReadAllAsync(r => new OfferOrder(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), Enum.Parse<Direction>(r.GetString(4)), r.GetInt32(5),
                Enum.Parse<ProductType>(r.GetString(6)), r.GetTime(7), r.GetTime(8), Money.FromUnits(r.GetInt64(9)), r.GetString(10),
                r.GetStringOrNull(11), r.GetStringOrNull(12)), ct).ConfigureAwait(false);
        }, cancellationToken);
}
