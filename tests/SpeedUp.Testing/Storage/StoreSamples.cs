using System.Net;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>Sample rows for the store contract: sessions in each state, customers, orders. Times are whole milliseconds.</summary>
public static class StoreSamples
{
    /// <summary>The contract's reference instant (2026-12-03 16:00 CST).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The billing month of <see cref="T0"/>.</summary>
    public const string Month = "2026-12";

    /// <summary>A session in <see cref="SessionState.Applying"/> of <paramref name="bandId"/>, started at <paramref name="startedAt"/> (default <see cref="T0"/>).</summary>
    public static SpeedUpSession Session(
        long bandId, Direction direction = Direction.Down, DateTimeOffset? startedAt = null, TimeSpan? duration = null,
        string? customerId = "c1", string? clientRequestId = null, IReadOnlyList<OrderUse>? uses = null, string channel = "ct-hz-1",
        string? id = null) =>
        SpeedUpSession.Begin(
            id ?? SpeedUpSession.NewId(), bandId, $"zj0571a{bandId % 100000:D5}", IPAddress.Parse("202.101.172.35"), 0, Carrier.ChinaTelecom,
            "Zhejiang", channel, direction, 200_000, 50_000, "game", startedAt ?? T0, duration ?? TimeSpan.FromHours(1),
            customerId is null ? null : new SessionAttribution(customerId, clientRequestId, clientRequestId is null ? null : "hash-" + clientRequestId, uses ?? []));

    /// <summary>The session, confirmed at the target rate.</summary>
    public static SpeedUpSession Active(this SpeedUpSession session)
    {
        session.MarkActive(session.StartedAt);
        return session;
    }

    /// <summary>The session, being restored for <paramref name="reason"/>.</summary>
    public static SpeedUpSession Restoring(this SpeedUpSession session, EndReason reason = EndReason.Expired)
    {
        session.BeginRestore(reason, session.DueAt);
        return session;
    }

    /// <summary>The session, ended at <paramref name="at"/> (restored for <paramref name="reason"/>).</summary>
    public static SpeedUpSession Ended(this SpeedUpSession session, DateTimeOffset at, EndReason reason = EndReason.Stopped)
    {
        if (session.State != SessionState.Restoring)
        {
            session.BeginRestore(reason, at);
        }

        session.MarkEnded(at);
        return session;
    }

    /// <summary>A customer with <paramref name="balance"/> CNY.</summary>
    public static Customer Customer(string id, decimal balance) => new(id, "Customer " + id, true, balance, 0m, T0.AddDays(-30));

    /// <summary>An order of <paramref name="price"/> CNY (a DOWN 200 Mbps hour pack of <see cref="Month"/> unless told).</summary>
    public static OfferOrder Order(
        string orderId, string customerId, decimal price, long bandId = 330100001, Direction direction = Direction.Down, int mbps = 200,
        ProductType product = ProductType.HourPack, DateTimeOffset? createdAt = null, DateTimeOffset? expiresAt = null, string? clientRequestId = null,
        string month = Month)
    {
        var offer = new Offer(direction, mbps, product);
        var created = createdAt ?? T0;
        return new OfferOrder(orderId, customerId, bandId, offer.OfferId, direction, mbps, product, created, expiresAt ?? created.AddDays(28), price, month,
            clientRequestId, clientRequestId is null ? null : "hash-" + clientRequestId);
    }

    /// <summary>Asserts that <paramref name="actual"/> holds every journalled field of <paramref name="expected"/> (not the order uses, which are not reloaded).</summary>
    public static void AssertSameSession(SpeedUpSession expected, SpeedUpSession? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.BandId, expected.Account, expected.IpAddress, expected.Port, expected.Carrier, expected.Province, expected.ChannelName,
             expected.Direction, expected.TargetKbps, expected.OriginalKbps, expected.Scene),
            (actual.Id, actual.BandId, actual.Account, actual.IpAddress, actual.Port, actual.Carrier, actual.Province, actual.ChannelName,
             actual.Direction, actual.TargetKbps, actual.OriginalKbps, actual.Scene));
        Assert.Equal(
            (expected.StartedAt, expected.DueAt, expected.State, expected.EndReason, expected.EndedAt, expected.LastError, expected.UncertainWrite),
            (actual.StartedAt, actual.DueAt, actual.State, actual.EndReason, actual.EndedAt, actual.LastError, actual.UncertainWrite));
        Assert.Equal((expected.CustomerId, expected.ClientRequestId, expected.RequestHash), (actual.CustomerId, actual.ClientRequestId, actual.RequestHash));
    }
}
