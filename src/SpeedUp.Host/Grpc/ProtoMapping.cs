using Wire = Broadband.SpeedUp.V1;
using Google.Protobuf.WellKnownTypes;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using DomainDirection = SpeedUp.Drivers.Direction;
using DomainEndReason = SpeedUp.Core.Sessions.EndReason;
using DomainOffer = SpeedUp.Core.Catalogue.Offer;
using DomainState = SpeedUp.Core.Sessions.SessionState;

namespace SpeedUp.Host.Grpc;

/// <summary>Domain → wire messages.</summary>
internal static class ProtoMapping
{
    public static Wire.Direction ToProto(this DomainDirection direction) =>
        direction == DomainDirection.Up ? Wire.Direction.Up : Wire.Direction.Down;

    public static Wire.ProductType ToProto(this ProductType product) =>
        product == ProductType.HourPack ? Wire.ProductType.HourPack : Wire.ProductType.ThirtyDayPack;

    public static Wire.Offer ToProto(this DomainOffer offer) => new()
    {
        OfferId = offer.OfferId,
        BandwidthMbps = offer.BandwidthMbps,
        DurationHours = offer.DurationHours,
        Direction = offer.Direction.ToProto(),
        Product = offer.Product.ToProto(),
    };

    public static Wire.DirectionStatus ToProto(this SpeedUpSession session, DateTimeOffset now) => Status(
        session.Id, session.Direction, session.State, session.EndReason, session.TargetKbps, session.OriginalKbps, session.Scene,
        session.StartedAt, session.DueAt, session.EndedAt, now);

    public static Wire.SessionEvent ToProto(this SessionEvent e) => new()
    {
        EventId = e.EventId,
        Type = e.Kind switch
        {
            SessionEventKind.Activated => Wire.SessionEventType.Activated,
            SessionEventKind.Restoring => Wire.SessionEventType.Restoring,
            SessionEventKind.Ended => Wire.SessionEventType.Ended,
            SessionEventKind.Reapplied => Wire.SessionEventType.Reapplied,
            SessionEventKind.Extended => Wire.SessionEventType.Extended,
            _ => Wire.SessionEventType.Unspecified,
        },
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        BandId = e.BandId,
        Session = Status(e.SessionId, e.Direction, e.State, e.EndReason, e.TargetKbps, e.OriginalKbps, e.Scene, e.StartedAt, e.DueAt, e.EndedAt, e.OccurredAt),
    };

    private static Wire.DirectionStatus Status(
        string id, DomainDirection direction, DomainState state, DomainEndReason endReason, long targetKbps, long originalKbps, string scene,
        DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset? endedAt, DateTimeOffset now)
    {
        var status = new Wire.DirectionStatus
        {
            SessionId = id,
            Direction = direction.ToProto(),
            State = state switch
            {
                DomainState.Applying => Wire.SessionState.Applying,
                DomainState.Active => Wire.SessionState.Active,
                DomainState.Restoring => Wire.SessionState.Restoring,
                _ => Wire.SessionState.Ended,
            },
            TargetBandwidthMbps = (int)(targetKbps / 1000),
            OriginalKbps = originalKbps,
            StartedAt = Timestamp.FromDateTimeOffset(startedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(dueAt),
            EndReason = endReason switch
            {
                DomainEndReason.Stopped => Wire.EndReason.Stopped,
                DomainEndReason.StoppedByOperator => Wire.EndReason.StoppedByOperator,
                DomainEndReason.Expired => Wire.EndReason.Expired,
                DomainEndReason.ApplyFailed => Wire.EndReason.ApplyFailed,
                DomainEndReason.RestoredAfterRestart => Wire.EndReason.RestoredAfterRestart,
                _ => Wire.EndReason.Unspecified,
            },
            Scene = scene,
            MeteredMinutes = SpeedUp.Core.Orders.Metering.Minutes(startedAt, dueAt, endedAt, endReason, now),
        };
        if (endedAt is { } ended)
        {
            status.EndedAt = Timestamp.FromDateTimeOffset(ended);
        }

        return status;
    }

    public static Wire.CatalogueTier ToProto(this SpeedUpTier tier) => new()
    {
        Carrier = tier.Carrier.ToString(),
        Direction = tier.Direction.ToProto(),
        BandwidthMbps = tier.BandwidthMbps,
        Provinces = { tier.Provinces.Order(StringComparer.Ordinal) },
    };

    public static Wire.PriceTable ToProto(this SpeedUp.Core.Billing.PriceTable table) => new()
    {
        Direction = table.Direction.ToProto(),
        Product = table.Product.ToProto(),
        MaxBandwidthMbps = table.BandwidthMbps,
        DurationHours = new DomainOffer(table.Direction, table.BandwidthMbps, table.Product).DurationHours,
        VolumePrices =
        {
            table.Tiers.Select(t => new Wire.VolumePrice { MinVolume = t.MinVolume, UnitPrice = SpeedUp.Core.Billing.Money.Format(t.UnitPrice) }),
        },
    };
}
