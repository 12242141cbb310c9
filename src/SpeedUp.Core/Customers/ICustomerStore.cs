namespace SpeedUp.Core.Customers;

/// <summary>Durable customers and their balances.</summary>
public interface ICustomerStore
{
    /// <summary>The customer, or null.</summary>
    Task<Customer?> FindAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Creates a customer; false when the id is taken.</summary>
    Task<bool> CreateAsync(Customer customer, CancellationToken cancellationToken);

    /// <summary>
    /// Provisioning from configuration: creates the customer with <paramref name="initialBalance"/>, or updates the
    /// name and subscription of an existing one without touching its balance (money already spent stays spent).
    /// </summary>
    Task<Customer> SeedAsync(string customerId, string name, bool subscribed, decimal initialBalance, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="amount"/> to the balance; null when the customer does not exist.</summary>
    Task<Customer?> TopUpAsync(string customerId, decimal amount, CancellationToken cancellationToken);

    /// <summary>Sets the subscription flag; null when the customer does not exist.</summary>
    Task<Customer?> SetSubscriptionAsync(string customerId, bool subscribed, CancellationToken cancellationToken);
}
