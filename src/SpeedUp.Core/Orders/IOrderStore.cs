using SpeedUp.Drivers;

namespace SpeedUp.Core.Orders;

/// <summary>What placing an order did.</summary>
public enum OrderPlacement
{
    /// <summary>The order is saved and its price frozen on the balance.</summary>
    Placed,

    /// <summary>The balance does not cover the price; nothing was saved or frozen.</summary>
    InsufficientBalance,

    /// <summary>The customer does not exist.</summary>
    UnknownCustomer,

    /// <summary>The customer already used the order's client request id; nothing was saved.</summary>
    DuplicateClientRequest,
}

/// <summary>Durable offer orders and the balance they freeze.</summary>
public interface IOrderStore
{
    /// <summary>
    /// In one transaction: checks the customer's balance covers <see cref="OfferOrder.FrozenAmount"/>, moves it from
    /// balance to frozen, and saves the order.
    /// </summary>
    Task<OrderPlacement> PlaceAsync(OfferOrder order, CancellationToken cancellationToken);

    /// <summary>Finds an order by id, or null.</summary>
    Task<OfferOrder?> FindAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The customer's order placed with that client request id, or null.</summary>
    Task<OfferOrder?> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken);

    /// <summary>The customer's orders for a line and direction that expire after <paramref name="expiringAfter"/>, oldest first.</summary>
    Task<IReadOnlyList<OfferOrder>> ListLineOrdersAsync(
        string customerId, long bandId, Direction direction, DateTimeOffset expiringAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Every recorded session use of those orders, with the sessions' journalled times — and the other uses of the same
    /// sessions too (every use of each session that drew on one of them), since <see cref="Metering.UsedMinutes"/> spreads
    /// a session's metered minutes over all its orders in position order.
    /// </summary>
    Task<IReadOnlyList<OrderUseRecord>> ListUsesAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);
}
