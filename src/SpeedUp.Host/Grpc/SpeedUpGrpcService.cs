using Broadband.SpeedUp.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Host.Grpc;

/// <summary>The public gRPC face: maps messages to the domain and back. No rules here.</summary>
internal sealed class SpeedUpGrpcService(
    PrecheckService prechecks,
    OrderService orders,
    SpeedUpSessionService sessions) : SpeedUpService.SpeedUpServiceBase
{
    /// <inheritdoc />
    public override async Task<PrecheckResponse> Precheck(PrecheckRequest request, ServerCallContext context)
    {
        var result = await prechecks.PrecheckAsync(request.IpAddress, request.Port, context.CancellationToken);
        var p = result.Precheck;
        return new PrecheckResponse
        {
            RequestId = context.RequestId(),
            Code = result.Code,
            Message = result.Message,
            BandId = p.BandId,
            UploadBandwidthMbps = (int)(p.Rates.UpKbps / 1000),
            DownloadBandwidthMbps = (int)(p.Rates.DownKbps / 1000),
            Offers = { p.Offers.Select(o => o.ToProto()) },
            Carrier = p.Carrier.ToString(),
            Province = p.Province,
            ExpiresAt = Timestamp.FromDateTimeOffset(p.ExpiresAt),
        };
    }

    /// <inheritdoc />
    public override async Task<OrderOfferResponse> OrderOffer(OrderOfferRequest request, ServerCallContext context)
    {
        var order = await orders.OrderAsync(request.BandId, request.OfferId, context.CancellationToken);
        return new OrderOfferResponse { RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", OrderId = order.OrderId };
    }

    /// <inheritdoc />
    public override async Task<StartSpeedUpResponse> StartSpeedUp(StartSpeedUpRequest request, ServerCallContext context)
    {
        var session = await sessions.StartAsync(
            new StartSpeedUpCommand(request.IpAddress, request.Port, request.BandId, (int)request.Direction,
                request.TargetBandwidthMbps, request.Scene, request.DurationMinutes),
            context.CancellationToken);
        return new StartSpeedUpResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", Success = true, Status = session.ToProto(),
        };
    }

    /// <inheritdoc />
    public override async Task<StopSpeedUpResponse> StopSpeedUp(StopSpeedUpRequest request, ServerCallContext context)
    {
        var session = await sessions.StopAsync(
            new StopSpeedUpCommand(request.IpAddress, request.Port, request.BandId, (int)request.Direction),
            context.CancellationToken);
        return new StopSpeedUpResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", Success = true, Status = session.ToProto(),
        };
    }

    /// <inheritdoc />
    public override async Task<QueryStatusResponse> QueryStatus(QueryStatusRequest request, ServerCallContext context)
    {
        var status = await sessions.StatusAsync(request.BandId, context.CancellationToken);
        var response = new QueryStatusResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", BandId = status.BandId,
            Upload = status.Up?.ToProto(),
            Download = status.Down?.ToProto(),
        };
        return response;
    }
}
