using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Events;
using SpeedUp.Core.Webhooks;

namespace SpeedUp.Host.Webhooks;

/// <summary>
/// A session event as a CloudEvents 1.0 request body in structured mode (<c>application/cloudevents+json</c>): id = the
/// event id (what a receiver de-duplicates on), source = <see cref="WebhookOptions.Source"/>, type =
/// <c>cn.broadband.speedup.session.&lt;kind&gt;</c>, subject = the session id, time, the <c>sequence</c> extension (the
/// decimal outbox sequence) and the session snapshot of <see cref="SessionEventPayload"/> as JSON data.
/// </summary>
public sealed class WebhookCloudEvents(IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>The <c>sequence</c> extension attribute: the event's place in the service's outbox, as decimal text.</summary>
    public static readonly CloudEventAttribute SequenceAttribute = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    /// <summary>The CloudEvent of <paramref name="e"/>.</summary>
    public CloudEvent ToCloudEvent(SessionEvent e)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [SequenceAttribute])
        {
            Id = e.EventId,
            Source = new Uri(options.CurrentValue.Source, UriKind.RelativeOrAbsolute),
            Type = SessionEventPayload.TypeOf(e.Kind),
            Subject = e.SessionId,
            Time = e.OccurredAt.ToUniversalTime(),
            DataContentType = MediaTypeNames.Application.Json,
            Data = SessionEventPayload.DataOf(e),
        };
        cloudEvent[SequenceAttribute] = e.Sequence.ToString(CultureInfo.InvariantCulture);
        return cloudEvent;
    }

    /// <summary>The request body of <paramref name="e"/> and its content type.</summary>
    public (ReadOnlyMemory<byte> Body, string ContentType) Encode(SessionEvent e)
    {
        var body = Formatter.EncodeStructuredModeMessage(ToCloudEvent(e), out var contentType);
        return (body, contentType.ToString());
    }
}
