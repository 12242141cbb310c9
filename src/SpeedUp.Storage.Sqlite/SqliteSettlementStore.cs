using Microsoft.Data.Sqlite;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Monthly volumes and settled bills in SQLite; a settlement and its balance changes commit together, once.</summary>
public sealed class SqliteSettlementStore(SqliteDatabase database) : ISettlementStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<BucketVolume>> ListBucketsAsync(string customerId, string month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT direction, bandwidth_mbps, product, COUNT(*), SUM(frozen_units) FROM orders
            WHERE billing_month = $month AND customer_id = $customer
            GROUP BY direction, bandwidth_mbps, product ORDER BY direction, bandwidth_mbps, product
            """;
        command.Parameters.AddWithValue("$month", month);
        command.Parameters.AddWithValue("$customer", customerId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<BucketVolume>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new BucketVolume(Enum.Parse<Direction>(r.GetString(0)), r.GetInt32(1), Enum.Parse<ProductType>(r.GetString(2)),
                r.GetInt64(3), Money.FromUnits(r.GetInt64(4))));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListCustomersWithOrdersAsync(string month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT customer_id FROM orders WHERE billing_month = $month AND customer_id IS NOT NULL ORDER BY customer_id";
        command.Parameters.AddWithValue("$month", month);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<string>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(r.GetString(0));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<Bill?> FindBillAsync(string customerId, string month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindBillAsync(connection, null, customerId, month, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Bill> SaveSettlementAsync(Bill bill, CancellationToken cancellationToken)
    {
        Bill? standing = null;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            standing = await FindBillAsync(connection, transaction, bill.CustomerId, bill.Month, ct).ConfigureAwait(false);
            if (standing is not null)
            {
                return;
            }

            await ExecuteAsync(connection, transaction, """
                INSERT INTO settlements (customer_id, month, settled_at, total_units, frozen_units)
                VALUES ($customer, $month, $settled, $total, $frozen)
                """, p =>
            {
                p.AddWithValue("$settled", UnixTime.ToStored(bill.SettledAt!.Value));
                p.AddWithValue("$total", Money.ToUnits(bill.Total));
                p.AddWithValue("$frozen", Money.ToUnits(bill.Frozen));
            }, bill, ct).ConfigureAwait(false);
            foreach (var line in bill.Lines)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO settlement_lines (customer_id, month, direction, bandwidth_mbps, product, volume, unit_price_units, total_units, frozen_units)
                    VALUES ($customer, $month, $direction, $mbps, $product, $volume, $unit, $total, $frozen)
                    """, p =>
                {
                    p.AddWithValue("$direction", line.Direction.ToString());
                    p.AddWithValue("$mbps", line.BandwidthMbps);
                    p.AddWithValue("$product", line.Product.ToString());
                    p.AddWithValue("$volume", line.Volume);
                    p.AddWithValue("$unit", Money.ToUnits(line.UnitPrice));
                    p.AddWithValue("$total", Money.ToUnits(line.Total));
                    p.AddWithValue("$frozen", Money.ToUnits(line.Frozen));
                }, bill, ct).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, """
                UPDATE customers SET balance_units = balance_units + $frozen - $total, frozen_units = frozen_units - $frozen WHERE id = $customer
                """, p =>
            {
                p.AddWithValue("$total", Money.ToUnits(bill.Total));
                p.AddWithValue("$frozen", Money.ToUnits(bill.Frozen));
            }, bill, ct).ConfigureAwait(false);
            standing = bill;
        }, cancellationToken).ConfigureAwait(false);
        return standing!;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteParameterCollection> bind, Bill bill, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$customer", bill.CustomerId);
        command.Parameters.AddWithValue("$month", bill.Month);
        bind(command.Parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Bill?> FindBillAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string customerId, string month, CancellationToken cancellationToken)
    {
        DateTimeOffset settledAt;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT settled_at FROM settlements WHERE customer_id = $customer AND month = $month";
            command.Parameters.AddWithValue("$customer", customerId);
            command.Parameters.AddWithValue("$month", month);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long stored)
            {
                return null;
            }

            settledAt = UnixTime.FromStored(stored);
        }

        await using var lines = connection.CreateCommand();
        lines.Transaction = transaction;
        lines.CommandText = """
            SELECT direction, bandwidth_mbps, product, volume, unit_price_units, total_units, frozen_units FROM settlement_lines
            WHERE customer_id = $customer AND month = $month ORDER BY direction, bandwidth_mbps, product
            """;
        lines.Parameters.AddWithValue("$customer", customerId);
        lines.Parameters.AddWithValue("$month", month);
        await using var r = await lines.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<BillLine>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new BillLine(Enum.Parse<Direction>(r.GetString(0)), r.GetInt32(1), Enum.Parse<ProductType>(r.GetString(2)), r.GetInt64(3),
                Money.FromUnits(r.GetInt64(4)), Money.FromUnits(r.GetInt64(5)), Money.FromUnits(r.GetInt64(6))));
        }

        return new Bill(customerId, month, true, settledAt, result);
    }
}
