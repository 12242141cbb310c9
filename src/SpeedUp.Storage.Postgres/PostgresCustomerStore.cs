using Npgsql;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Customers;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>Customers and their balances in PostgreSQL (money as bigint 1/10000 CNY); changes are single atomic statements.</summary>
public sealed class PostgresCustomerStore(PostgresDatabase database) : ICustomerStore
{
    private const string Columns = "id, name, subscribed, balance_units, frozen_units, created_at";

    private const string Values = "(@id, @name, @subscribed, @balance, @frozen, @created)";

    /// <inheritdoc />
    public Task<Customer?> FindAsync(string customerId, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT {Columns} FROM customers WHERE id = @id", c => c.With("id", customerId), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> CreateAsync(Customer customer, CancellationToken cancellationToken) =>
        await SingleAsync($"INSERT INTO customers ({Columns}) VALUES {Values} ON CONFLICT (id) DO NOTHING RETURNING {Columns}",
            c => Bind(c, customer), cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public async Task<Customer> SeedAsync(
        string customerId, string name, bool subscribed, decimal initialBalance, DateTimeOffset now, CancellationToken cancellationToken) =>
        // The balance is only given on creation: a restart must neither re-credit nor lower what was spent.
        (await SingleAsync($"""
            INSERT INTO customers ({Columns}) VALUES {Values}
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, subscribed = excluded.subscribed
            RETURNING {Columns}
            """, c => Bind(c, new Customer(customerId, name, subscribed, initialBalance, 0m, now)), cancellationToken).ConfigureAwait(false))!;

    /// <inheritdoc />
    public Task<Customer?> TopUpAsync(string customerId, decimal amount, CancellationToken cancellationToken) =>
        SingleAsync($"UPDATE customers SET balance_units = balance_units + @value WHERE id = @id RETURNING {Columns}",
            c => c.With("id", customerId).With("value", Money.ToUnits(amount)), cancellationToken);

    /// <inheritdoc />
    public Task<Customer?> SetSubscriptionAsync(string customerId, bool subscribed, CancellationToken cancellationToken) =>
        SingleAsync($"UPDATE customers SET subscribed = @value WHERE id = @id RETURNING {Columns}",
            c => c.With("id", customerId).With("value", subscribed), cancellationToken);

    private Task<Customer?> SingleAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            var rows = await command.ReadAllAsync(r => new Customer(
                r.GetString(0), r.GetString(1), r.GetBoolean(2), Money.FromUnits(r.GetInt64(3)), Money.FromUnits(r.GetInt64(4)), r.GetTime(5)), ct).ConfigureAwait(false);
            return rows.FirstOrDefault();
        }, cancellationToken);

    private static void Bind(NpgsqlCommand command, Customer customer) => command
        .With("id", customer.Id).With("name", customer.Name).With("subscribed", customer.Subscribed)
        .With("balance", Money.ToUnits(customer.Balance)).With("frozen", Money.ToUnits(customer.Frozen)).WithTime("created", customer.CreatedAt);
}
