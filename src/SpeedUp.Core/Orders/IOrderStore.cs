namespace SpeedUp.Core.Orders;

/// <summary>Durable offer orders.</summary>
public interface IOrderStore
{
    /// <summary>Saves a new order.</summary>
    Task InsertAsync(OfferOrder order, CancellationToken cancellationToken);

    /// <summary>Finds an order by id, or null.</summary>
    Task<OfferOrder?> FindAsync(string orderId, CancellationToken cancellationToken);
}
