using Broadband.SpeedUp.V1;
using Google.Protobuf.WellKnownTypes;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Sessions;
using DomainDirection = SpeedUp.Drivers.Direction;
using DomainEndReason = SpeedUp.Core.Sessions.EndReason;
using DomainOffer = SpeedUp.Core.Catalogue.Offer;
using DomainState = SpeedUp.Core.Sessions.SessionState;

namespace SpeedUp.Host.Grpc;

/// <summary>Domain → wire messages.</summary>
internal static class ProtoMapping
{
    public static Direction ToProto(this DomainDirection direction) =>
        direction == DomainDirection.Up ? Direction.Up : Direction.Down;

    public static Broadband.SpeedUp.V1.Offer ToProto(this DomainOffer offer) => new()
    {
        OfferId = offer.OfferId,
        BandwidthMbps = offer.BandwidthMbps,
        DurationHours = offer.DurationHours,
        Direction = offer.Direction.ToProto(),
        Product = offer.Product == ProductType.HourPack ? Broadband.SpeedUp.V1.ProductType.HourPack : Broadband.SpeedUp.V1.ProductType.ThirtyDayPack,
    };

    public static DirectionStatus ToProto(this SpeedUpSession session)
    {
        var status = new DirectionStatus
        {
            SessionId = session.Id,
            Direction = session.Direction.ToProto(),
            State = session.State switch
            {
                DomainState.Applying => SessionState.Applying,
                DomainState.Active => SessionState.Active,
                DomainState.Restoring => SessionState.Restoring,
                _ => SessionState.Ended,
            },
            TargetBandwidthMbps = (int)(session.TargetKbps / 1000),
            OriginalKbps = session.OriginalKbps,
            StartedAt = Timestamp.FromDateTimeOffset(session.StartedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(session.DueAt),
            EndReason = session.EndReason switch
            {
                DomainEndReason.Stopped => EndReason.Stopped,
                DomainEndReason.Expired => EndReason.Expired,
                DomainEndReason.ApplyFailed => EndReason.ApplyFailed,
                DomainEndReason.RestoredAfterRestart => EndReason.RestoredAfterRestart,
                _ => EndReason.Unspecified,
            },
            Scene = session.Scene,
        };
        if (session.EndedAt is { } ended)
        {
            status.EndedAt = Timestamp.FromDateTimeOffset(ended);
        }

        return status;
    }
}
