using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// The operator's sessions across customers (protos/broadband/speedup/admin/v1/sessions.proto): list the open ones,
/// show one, stop one. The caller's key is the actor a stop is logged with.
/// </summary>
internal sealed class SessionAdminGrpcService(OperatorSessionService sessions, ICallerContext caller) : SessionAdmin.SessionAdminBase
{
    /// <inheritdoc />
    public override async Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var page = await sessions.ListOpenAsync(request.BandId, request.IpAddress, request.CustomerId, request.Limit, context.CancellationToken);
        return new ListSessionsResponse { Sessions = { page.Sessions.Select(ToWire) }, More = page.More };
    }

    /// <inheritdoc />
    public override async Task<Session> GetSession(GetSessionRequest request, ServerCallContext context) =>
        ToWire(await sessions.GetAsync(request.SessionId, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<Session> StopSession(StopSessionRequest request, ServerCallContext context) =>
        ToWire(await sessions.StopAsync(Actor, request.SessionId, request.Reason, context.CancellationToken));

    private string Actor => caller.AccessKeyId ?? throw new InvalidOperationException("An admin call reached the service unauthenticated.");

    private static Session ToWire(SpeedUpSession session)
    {
        var wire = new Session
        {
            SessionId = session.Id,
            CustomerId = session.CustomerId ?? "",
            BandId = session.BandId,
            Account = session.Account,
            IpAddress = session.IpAddress.ToString(),
            Port = session.Port,
            Carrier = session.Carrier.ToString(),
            Province = session.Province,
            Channel = session.ChannelName,
            Direction = session.Direction == Direction.Up ? "UP" : "DOWN",
            State = SessionEventPayload.StateName(session.State),
            EndReason = SessionEventPayload.EndReasonName(session.EndReason),
            TargetKbps = session.TargetKbps,
            OriginalKbps = session.OriginalKbps,
            Scene = session.Scene,
            StartedAt = Timestamp.FromDateTimeOffset(session.StartedAt),
            DueAt = Timestamp.FromDateTimeOffset(session.DueAt),
            LastError = session.LastError ?? "",
        };
        if (session.EndedAt is { } ended)
        {
            wire.EndedAt = Timestamp.FromDateTimeOffset(ended);
        }

        return wire;
    }
}
