using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Events;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using DomainPeriod = SpeedUp.Core.Statistics.StatisticsPeriod;

namespace SpeedUp.Host.Grpc;

/// <summary>The public gRPC face: names the calling customer, maps messages to the domain and back. No rules here.</summary>
internal sealed class SpeedUpGrpcService(
    ICallerContext caller,
    CustomerService customers,
    PrecheckService prechecks,
    OrderService orders,
    SpeedUpSessionService sessions,
    StatisticsService statistics,
    SessionEventFeed events,
    TimeProvider time,
    SalesQueries sales,
    SessionLookupService lookup) : SpeedUpService.SpeedUpServiceBase
{
    /// <inheritdoc />
    public override async Task<PrecheckResponse> Precheck(PrecheckRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var result = await prechecks.PrecheckAsync(customer, request.IpAddress, request.Port, context.CancellationToken);
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
        var customer = await CustomerAsync(context);
        var order = await orders.OrderAsync(customer, request.BandId, request.OfferId, request.ClientRequestId, context.CancellationToken);
        return new OrderOfferResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", OrderId = order.OrderId,
            ExpiresAt = Timestamp.FromDateTimeOffset(order.ExpiresAt),
            FrozenAmount = Money.Format(order.FrozenAmount),
            Product = order.Product.ToProto(),
        };
    }

    /// <inheritdoc />
    public override async Task<StartSpeedUpResponse> StartSpeedUp(StartSpeedUpRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var session = await sessions.StartAsync(customer,
            new StartSpeedUpCommand(request.IpAddress, request.Port, request.BandId, (int)request.Direction,
                request.TargetBandwidthMbps, request.Scene, request.DurationMinutes, request.ClientRequestId),
            context.CancellationToken);
        return new StartSpeedUpResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", Success = true,
            Status = session.ToProto(time.GetUtcNow()),
        };
    }

    /// <inheritdoc />
    public override async Task<StopSpeedUpResponse> StopSpeedUp(StopSpeedUpRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var session = await sessions.StopAsync(customer,
            new StopSpeedUpCommand(request.IpAddress, request.Port, request.BandId, (int)request.Direction),
            context.CancellationToken);
        return new StopSpeedUpResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", Success = true,
            Status = session.ToProto(time.GetUtcNow()),
        };
    }

    /// <inheritdoc />
    public override async Task<QueryStatusResponse> QueryStatus(QueryStatusRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var status = await sessions.StatusAsync(customer, request.BandId, context.CancellationToken);
        var now = time.GetUtcNow();
        return new QueryStatusResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", BandId = status.BandId,
            Upload = status.Up?.ToProto(now),
            Download = status.Down?.ToProto(now),
        };
    }

    /// <inheritdoc />
    public override async Task<ExtendSpeedUpResponse> ExtendSpeedUp(ExtendSpeedUpRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var session = await sessions.ExtendAsync(customer,
            new ExtendSpeedUpCommand(request.IpAddress, request.Port, request.BandId, (int)request.Direction, request.AdditionalMinutes, request.ClientRequestId),
            context.CancellationToken);
        return new ExtendSpeedUpResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", Success = true,
            Status = session.ToProto(time.GetUtcNow()),
        };
    }

    /// <inheritdoc />
    public override async Task WatchSessions(WatchSessionsRequest request, IServerStreamWriter<WatchSessionsResponse> responseStream, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var feed = await events.OpenAsync(customer, request.ResumeToken, context.CancellationToken);
        try
        {
            await foreach (var item in feed.WithCancellation(context.CancellationToken))
            {
                await responseStream.WriteAsync(new WatchSessionsResponse
                {
                    ResumeToken = ResumeToken.Of(item.Position),
                    Event = item.Event?.ToProto(),
                }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away (or the server is stopping): the stream simply ends.
        }
    }

    /// <inheritdoc />
    public override async Task<BusinessStatisticsResponse> GetBusinessStatistics(BusinessStatisticsRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var range = statistics.Resolve(Period(request.Period), request.FromDate, request.ToDate);
        var days = await statistics.DailyAsync(customer, range, context.CancellationToken);
        return new BusinessStatisticsResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK",
            Days =
            {
                days.Select(d => new Broadband.SpeedUp.V1.DailyStatistics
                {
                    Date = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Total = d.Total, Successful = d.Successful, Failed = d.Failed, SuccessRate = d.SuccessRate,
                }),
            },
        };
    }

    /// <inheritdoc />
    public override async Task ExportDetails(ExportDetailsRequest request, IServerStreamWriter<ExportChunk> responseStream, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var range = statistics.Resolve(Period(request.Period), request.FromDate, request.ToDate);
        await foreach (var chunk in statistics.ExportAsync(customer, range, context.CancellationToken))
        {
            if (!chunk.IsEmpty)
            {
                await responseStream.WriteAsync(new ExportChunk { Data = ByteString.CopyFrom(chunk.Span) }, context.CancellationToken);
            }
        }
    }

    private Task<string> CustomerAsync(ServerCallContext context) => customers.RequireActiveAsync(caller, context.CancellationToken);

    private static DomainPeriod Period(Broadband.SpeedUp.V1.StatisticsPeriod period) => period switch
    {
        Broadband.SpeedUp.V1.StatisticsPeriod.ThisMonth => DomainPeriod.ThisMonth,
        Broadband.SpeedUp.V1.StatisticsPeriod.LastMonth => DomainPeriod.LastMonth,
        Broadband.SpeedUp.V1.StatisticsPeriod.Custom => DomainPeriod.Custom,
        _ => throw SpeedUpException.InvalidParameter("period must be THIS_MONTH, LAST_MONTH or CUSTOM."),
    };

    /// <inheritdoc />
    public override async Task<ListOffersResponse> ListOffers(ListOffersRequest request, ServerCallContext context)
    {
        await CustomerAsync(context);
        var area = sales.ListOffers(request.Carrier, request.Province);
        var sold = area.Offers.Count > 0;
        return new ListOffersResponse
        {
            RequestId = context.RequestId(),
            Code = sold ? ProductErrorCode.Ok : ProductErrorCode.SpeedUpUnsupported,
            Message = sold ? "OK" : $"{area.Carrier} offers no speed-up in {area.Province}.",
            Carrier = area.Carrier.ToString(),
            Province = area.Province,
            Offers =
            {
                area.Offers.Select(o => new Broadband.SpeedUp.V1.ListedOffer
                {
                    Offer = o.Offer.ToProto(), ListPrice = o.Prices is { } table ? Money.Format(table.ListPrice) : "",
                }),
            },
        };
    }

    /// <inheritdoc />
    public override async Task<GetProductCatalogueResponse> GetProductCatalogue(GetProductCatalogueRequest request, ServerCallContext context)
    {
        await CustomerAsync(context);
        var catalogue = sales.Catalogue();
        return new GetProductCatalogueResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK",
            Tiers = { catalogue.Tiers.Select(t => t.ToProto()) },
            PriceTables = { catalogue.Prices.Select(t => t.ToProto()) },
        };
    }

    /// <inheritdoc />
    public override async Task<FindSessionsResponse> FindSessions(FindSessionsRequest request, ServerCallContext context)
    {
        var customer = await CustomerAsync(context);
        var found = await lookup.FindAsync(customer, request.IpAddress, request.Port, request.Limit, context.CancellationToken);
        var now = time.GetUtcNow();
        return new FindSessionsResponse
        {
            RequestId = context.RequestId(), Code = ProductErrorCode.Ok, Message = "OK", BandId = found.BandId ?? 0,
            Sessions = { found.Sessions.Select(s => s.ToProto(now)) },
        };
    }
}
