using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Webhooks;
using DomainDelivery = SpeedUp.Core.Webhooks.WebhookDelivery;
using DomainSink = SpeedUp.Core.Webhooks.WebhookSink;
using DomainState = SpeedUp.Core.Webhooks.WebhookDeliveryState;
using Wire = Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Host.Grpc;

/// <summary>The operator's webhook sinks and deliveries (protos/broadband/speedup/admin/v1/webhooks.proto).</summary>
internal sealed class WebhookAdminGrpcService(WebhookService webhooks) : WebhookAdmin.WebhookAdminBase
{
    /// <inheritdoc />
    public override async Task<WebhookSinkWithSecret> CreateWebhookSink(CreateWebhookSinkRequest request, ServerCallContext context)
    {
        var (sink, secret) = await webhooks.CreateAsync(request.CustomerId, request.Url, context.CancellationToken);
        return new WebhookSinkWithSecret { Sink = ToWire(sink), Secret = secret };
    }

    /// <inheritdoc />
    public override async Task<ListWebhookSinksResponse> ListWebhookSinks(ListWebhookSinksRequest request, ServerCallContext context) =>
        new() { Sinks = { (await webhooks.ListAsync(request.CustomerId, context.CancellationToken)).Select(ToWire) } };

    /// <inheritdoc />
    public override async Task<WebhookSinkWithSecret> RotateWebhookSinkSecret(WebhookSinkRef request, ServerCallContext context)
    {
        var (sink, secret) = await webhooks.RotateSecretAsync(request.SinkId, context.CancellationToken);
        return new WebhookSinkWithSecret { Sink = ToWire(sink), Secret = secret };
    }

    /// <inheritdoc />
    public override async Task<DeleteWebhookSinkResponse> DeleteWebhookSink(WebhookSinkRef request, ServerCallContext context)
    {
        await webhooks.DeleteAsync(request.SinkId, context.CancellationToken);
        return new DeleteWebhookSinkResponse();
    }

    /// <inheritdoc />
    public override async Task<ListWebhookDeliveriesResponse> ListWebhookDeliveries(ListWebhookDeliveriesRequest request, ServerCallContext context)
    {
        DomainState? state = request.State switch
        {
            Wire.WebhookDeliveryState.Pending => DomainState.Pending,
            Wire.WebhookDeliveryState.Delivered => DomainState.Delivered,
            Wire.WebhookDeliveryState.DeadLettered => DomainState.DeadLettered,
            _ => null,
        };
        var deliveries = await webhooks.DeliveriesAsync(request.SinkId, state, request.Limit, context.CancellationToken);
        return new ListWebhookDeliveriesResponse { Deliveries = { deliveries.Select(ToWire) } };
    }

    /// <inheritdoc />
    public override async Task<ReplayWebhookDeliveriesResponse> ReplayWebhookDeliveries(ReplayWebhookDeliveriesRequest request, ServerCallContext context) =>
        new() { Replayed = await webhooks.ReplayAsync(request.SinkId, request.Sequences, context.CancellationToken) };

    private static Wire.WebhookSink ToWire(DomainSink sink) => new()
    {
        SinkId = sink.Id, CustomerId = sink.CustomerId, Url = sink.Url, CreatedAt = Timestamp.FromDateTimeOffset(sink.CreatedAt),
    };

    private static Wire.WebhookDelivery ToWire(DomainDelivery delivery)
    {
        var wire = new Wire.WebhookDelivery
        {
            Sequence = delivery.Sequence,
            EventId = delivery.EventId ?? "",
            State = delivery.State switch
            {
                DomainState.Pending => Wire.WebhookDeliveryState.Pending,
                DomainState.Delivered => Wire.WebhookDeliveryState.Delivered,
                _ => Wire.WebhookDeliveryState.DeadLettered,
            },
            Attempts = delivery.Attempts,
            LastStatus = delivery.LastStatus ?? 0,
            LastError = delivery.LastError ?? "",
        };
        if (delivery.LastAttemptAt is { } last)
        {
            wire.LastAttemptAt = Timestamp.FromDateTimeOffset(last);
        }

        if (delivery.State == DomainState.Pending)
        {
            wire.NextAttemptAt = Timestamp.FromDateTimeOffset(delivery.NextAttemptAt);
        }

        return wire;
    }
}
