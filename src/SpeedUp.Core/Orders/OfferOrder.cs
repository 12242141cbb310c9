namespace SpeedUp.Core.Orders;

/// <summary>A minimal durable record of an offer bought for a line (pricing and order rules come later).</summary>
public sealed record OfferOrder(string OrderId, long BandId, long OfferId, DateTimeOffset CreatedAt);
