using Npgsql;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Monthly volumes and settled bills in PostgreSQL. A settlement and its balance changes commit together, once: the
/// settlement row is inserted <c>ON CONFLICT DO NOTHING</c> and only the instance whose insert took charges the customer;
/// any other gets the stored bill.
/// </summary>
public sealed class PostgresSettlementStore(PostgresDatabase database) : ISettlementStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<BucketVolume>> ListBucketsAsync(string customerId, string month, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT direction, bandwidth_mbps, product, COUNT(*), SUM(frozen_units)::bigint FROM orders
                WHERE billing_month = @month AND customer_id = @customer
                GROUP BY direction, bandwidth_mbps, product ORDER BY direction, bandwidth_mbps, product
                """).With("month", month).With("customer", customerId);
            return await command.ReadAllAsync(r => new BucketVolume(Enum.Parse<Direction>(r.GetString(0)), r.GetInt32(1), Enum.Parse<ProductType>(r.GetString(2)),
                r.GetInt64(3), Money.FromUnits(r.GetInt64(4))), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListCustomersWithOrdersAsync(string month, CancellationToken cancellationToken) =>
        await database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(
                "SELECT DISTINCT customer_id FROM orders WHERE billing_month = @month AND customer_id IS NOT NULL ORDER BY customer_id").With("month", month);
            return await command.ReadAllAsync(r => r.GetString(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<Bill?> FindBillAsync(string customerId, string month, CancellationToken cancellationToken) =>
        database.RunAsync((connection, ct) => FindBillAsync(connection, null, customerId, month, ct), cancellationToken);

    /// <inheritdoc />
    public Task<Bill> SaveSettlementAsync(Bill bill, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var settle = connection.Command("""
                INSERT INTO settlements (customer_id, month, settled_at, total_units, frozen_units) VALUES (@customer, @month, @settled, @total, @frozen)
                ON CONFLICT (customer_id, month) DO NOTHING
                """, transaction))
            {
                settle.With("customer", bill.CustomerId).With("month", bill.Month).WithTime("settled", bill.SettledAt!.Value)
                    .With("total", Money.ToUnits(bill.Total)).With("frozen", Money.ToUnits(bill.Frozen));
                if (await settle.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    // Settled already (here or by another instance, whose insert this one waited for): charge nothing.
                    return (await FindBillAsync(connection, transaction, bill.CustomerId, bill.Month, ct).ConfigureAwait(false))!;
                }
            }

            foreach (var line in bill.Lines)
            {
                await using var insert = connection.Command("""
                    INSERT INTO settlement_lines (customer_id, month, direction, bandwidth_mbps, product, volume, unit_price_units, total_units, frozen_units)
                    VALUES (@customer, @month, @direction, @mbps, @product, @volume, @unit, @total, @frozen)
                    """, transaction)
                    .With("customer", bill.CustomerId).With("month", bill.Month).With("direction", line.Direction.ToString()).With("mbps", line.BandwidthMbps)
                    .With("product", line.Product.ToString()).With("volume", line.Volume).With("unit", Money.ToUnits(line.UnitPrice))
                    .With("total", Money.ToUnits(line.Total)).With("frozen", Money.ToUnits(line.Frozen));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var charge = connection.Command(
                "UPDATE customers SET balance_units = balance_units + @frozen - @total, frozen_units = frozen_units - @frozen WHERE id = @customer", transaction)
                .With("customer", bill.CustomerId).With("total", Money.ToUnits(bill.Total)).With("frozen", Money.ToUnits(bill.Frozen)))
            {
                await charge.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return bill;
        }, cancellationToken);

    private static async Task<Bill?> FindBillAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string customerId, string month, CancellationToken cancellationToken)
    {
        DateTimeOffset settledAt;
        await using (var command = connection.Command("SELECT settled_at FROM settlements WHERE customer_id = @customer AND month = @month", transaction)
            .With("customer", customerId).With("month", month))
        {
            var found = await command.ReadAllAsync(r => r.GetTime(0), cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                return null;
            }

            settledAt = found[0];
        }

        await using var lines = connection.Command("""
            SELECT direction, bandwidth_mbps, product, volume, unit_price_units, total_units, frozen_units FROM settlement_lines
            WHERE customer_id = @customer AND month = @month ORDER BY direction, bandwidth_mbps, product
            """, transaction).With("customer", customerId).With("month", month);
        var result = await lines.ReadAllAsync(r => new BillLine(Enum.Parse<Direction>(r.GetString(0)), r.GetInt32(1), Enum.Parse<ProductType>(r.GetString(2)),
            r.GetInt64(3), Money.FromUnits(r.GetInt64(4)), Money.FromUnits(r.GetInt64(5)), Money.FromUnits(r.GetInt64(6))), cancellationToken).ConfigureAwait(false);
        return new Bill(customerId, month, true, settledAt, result);
    }
}
