using SpeedUp.Core.Billing;

namespace SpeedUp.Core.Orders;

/// <summary>
/// The service period of a 30-day pack. The product document: "天包有效期根据您所购买的固定自然天数（服务期）确定，从您订购生效
/// 之日起计算" — a fixed number of natural days counted from the day the order takes effect (orders take effect at once).
/// Read as CST calendar days with the day of ordering as day 1: a pack ordered at any time on 2026-11-05 (CST) serves
/// 2026-11-05 … 2026-12-04 and ends at CST midnight starting 2026-12-05.
/// </summary>
public static class ThirtyDayPack
{
    /// <summary>Natural days in the service period.</summary>
    public const int ServiceDays = 30;

    /// <summary>When a 30-day pack ordered at <paramref name="orderedAt"/> stops being usable: CST midnight after its 30th day.</summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset orderedAt) =>
        ChinaTime.StartOf(ChinaTime.DateOf(orderedAt).AddDays(ServiceDays));
}
