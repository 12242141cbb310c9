using SpeedUp.Core.Customers;

namespace SpeedUp.Host.Customers;

/// <summary>Provisions <c>SpeedUp:Customers:Seed</c> at start-up, before the service listens.</summary>
internal sealed class CustomerSeedWorker(CustomerService customers) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => customers.SeedAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
