namespace SpeedUp.Core.Customers;

/// <summary>
/// A customer of the product (a tenant of the upstream API). Every pre-check, order, session and statistic belongs
/// to one. <see cref="Balance"/> is what may still be spent; <see cref="Frozen"/> is pre-deducted by orders and
/// settled at month end.
/// </summary>
public sealed record Customer(string Id, string Name, bool Subscribed, decimal Balance, decimal Frozen, DateTimeOffset CreatedAt);
