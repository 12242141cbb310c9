using Microsoft.Data.Sqlite;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Customers;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Customers and their balances in SQLite (money as integer 1/10000 CNY).</summary>
public sealed class SqliteCustomerStore(SqliteDatabase database) : ICustomerStore
{
    private const string Columns = "id, name, subscribed, balance_units, frozen_units, created_at";
    private const string FindSql = $"SELECT {Columns} FROM customers WHERE id = $id";

    /// <inheritdoc />
    public Task<Customer?> FindAsync(string customerId, CancellationToken cancellationToken) =>
        database.ReadAsync(FindSql, p => p.AddWithValue("$id", customerId), ReadOneAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> CreateAsync(Customer customer, CancellationToken cancellationToken)
    {
        var created = false;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT OR IGNORE INTO customers ({Columns}) VALUES ($id, $name, $subscribed, $balance, $frozen, $created)";
            Bind(command, customer);
            created = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async Task<Customer> SeedAsync(
        string customerId, string name, bool subscribed, decimal initialBalance, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Customer? result = null;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var command = connection.CreateCommand())
            {
                // The balance is only given on creation: a restart must neither re-credit nor lower what was spent.
                command.CommandText = $"""
                    INSERT INTO customers ({Columns}) VALUES ($id, $name, $subscribed, $balance, $frozen, $created)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, subscribed = excluded.subscribed
                    """;
                Bind(command, new Customer(customerId, name, subscribed, initialBalance, 0m, now));
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            result = await FindAsync(connection, customerId, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <inheritdoc />
    public Task<Customer?> TopUpAsync(string customerId, decimal amount, CancellationToken cancellationToken) =>
        UpdateAsync(customerId, "balance_units = balance_units + $value", Money.ToUnits(amount), cancellationToken);

    /// <inheritdoc />
    public Task<Customer?> SetSubscriptionAsync(string customerId, bool subscribed, CancellationToken cancellationToken) =>
        UpdateAsync(customerId, "subscribed = $value", subscribed ? 1 : 0, cancellationToken);

    private async Task<Customer?> UpdateAsync(string customerId, string set, long value, CancellationToken cancellationToken)
    {
        Customer? result = null;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"UPDATE customers SET {set} WHERE id = $id";
                command.Parameters.AddWithValue("$id", customerId);
                command.Parameters.AddWithValue("$value", value);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            result = await FindAsync(connection, customerId, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task<Customer?> FindAsync(SqliteConnection connection, string customerId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = FindSql;
        command.Parameters.AddWithValue("$id", customerId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Customer?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new Customer(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0, Money.FromUnits(r.GetInt64(3)), Money.FromUnits(r.GetInt64(4)),
                UnixTime.FromStored(r.GetInt64(5)))
            : null;
    }

    private static void Bind(SqliteCommand command, Customer customer)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", customer.Id);
        p.AddWithValue("$name", customer.Name);
        p.AddWithValue("$subscribed", customer.Subscribed ? 1 : 0);
        p.AddWithValue("$balance", Money.ToUnits(customer.Balance));
        p.AddWithValue("$frozen", Money.ToUnits(customer.Frozen));
        p.AddWithValue("$created", UnixTime.ToStored(customer.CreatedAt));
    }
}
