using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Signing;

namespace SpeedUp.Testing;

/// <summary>The commercial tests' two customers, "alice" and "bob" (subscribed, 100.00 CNY each), with a key each.</summary>
public static class TwoCustomers
{
    /// <summary>Creates both customers and a key for each; returns the keys by customer id.</summary>
    public static async Task<Dictionary<string, AccessKeyCredentials>> CreateAsync(ServiceClients service, CancellationToken cancellationToken)
    {
        await service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "alice", Name = "Alice Games", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: cancellationToken);
        await service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "bob", Name = "Bob Live", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: cancellationToken);
        return new Dictionary<string, AccessKeyCredentials>(StringComparer.Ordinal)
        {
            ["alice"] = await service.CreateKeyAsync("alice"),
            ["bob"] = await service.CreateKeyAsync("bob"),
        };
    }
}
