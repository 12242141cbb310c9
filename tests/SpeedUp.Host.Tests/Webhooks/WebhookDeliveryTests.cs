extern alias host;

using System.Diagnostics;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Core.Events;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Webhooks;

/// <summary>
/// Webhooks end to end inside the test process: the real service (fake clock) delivers a customer's session events to
/// a real HTTP receiver on 127.0.0.1 that checks each signature and de-duplicates by CloudEvent id. The receiver fails
/// and recovers; retries wait on the service's clock, which the test moves on — nothing sleeps.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class WebhookDeliveryTests(SimulatedNetworks networks)
{
    private const string Line = "202.102.152.3";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["SpeedUp:Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["SpeedUp:Webhooks:AllowHttp"] = "true",
        ["SpeedUp:Webhooks:InitialBackoff"] = "00:00:01",
        ["SpeedUp:Webhooks:MaxBackoff"] = "00:00:04",
        ["SpeedUp:Webhooks:MaxAttempts"] = "30",
    };

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-hooks-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ReceiverFailsThenRecovers_GetsEveryEventExactlyOnceAfterDeduplication_Signed()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), Settings);
        await using var receiver = WebhookReceiver.Start(service.Time);
        var sink = await CreateSinkAsync(service, receiver);
        receiver.FailNext(5);

        await StartAndStopAsync(service, times: 2);
        var events = await EventsAsync(service, 0);

        await UntilAsync(service, () => events.All(e => receiver.Accepted.ContainsKey(e.EventId)), $"not every event was accepted ({receiver.Received.Count} requests)");
        Assert.Equal(6, events.Count); // Activated, Restoring, Ended × 2
        Assert.Equal(events.Select(e => e.EventId).Order(), receiver.Accepted.Keys.Order());
        Assert.True(receiver.Received.Count(r => r.Answered == 503) >= 5);
        Assert.All(receiver.Received, r => Assert.Equal(WebhookSignatureCheck.Valid, r.Check));
        Assert.All(receiver.Received, r => Assert.Equal("application/cloudevents+json; charset=utf-8", r.ContentType));

        // Each accepted event is the CloudEvent of the stored event.
        foreach (var e in events)
        {
            var cloudEvent = receiver.Accepted[e.EventId].Event;
            Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
            Assert.Equal(SessionEventPayload.TypeOf(e.Kind), cloudEvent.GetProperty("type").GetString());
            Assert.Equal(e.SessionId, cloudEvent.GetProperty("subject").GetString());
            Assert.Equal(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), cloudEvent.GetProperty("sequence").GetString());
            Assert.Equal(e.BandId, cloudEvent.GetProperty("data").GetProperty("bandId").GetInt64());
        }

        // A forged body or another secret is told apart by the documented check.
        var any = receiver.Received[0];
        var forged = (byte[])any.Body.Clone();
        forged[10] ^= 1;
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(receiver.Secret!, any.Signature, forged, any.ReceivedAt));
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(receiver.Secret + "x", any.Signature, any.Body, any.ReceivedAt));
        Assert.Equal(WebhookSignatureCheck.Stale, WebhookSignature.Verify(receiver.Secret!, any.Signature, any.Body, any.ReceivedAt.AddMinutes(6)));

        await UntilRecordedAsDeliveredAsync(service, sink.Sink.SinkId, events.Count);
        var listed = await service.Webhooks.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId, Limit = 100 });
        Assert.Equal(6, listed.Deliveries.Count);
        Assert.All(listed.Deliveries, d => Assert.Equal((WebhookDeliveryState.Delivered, 204), (d.State, d.LastStatus)));
        Assert.DoesNotContain(receiver.Secret!, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant=demo", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverDown_DeadLettersAfterMaxAttempts_ThenOperatorReplayDeliversThem()
    {
        var settings = new Dictionary<string, string>(Settings) { ["SpeedUp:Webhooks:MaxAttempts"] = "3" };
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), settings);
        await using var receiver = WebhookReceiver.Start(service.Time);
        var sink = await CreateSinkAsync(service, receiver);
        receiver.Down = true;

        await StartAndStopAsync(service, times: 1);
        var events = await EventsAsync(service, 0);
        var request = new ListWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId, State = WebhookDeliveryState.DeadLettered };
        await UntilAsync(service, () => service.Webhooks.ListWebhookDeliveries(request).Deliveries.Count == events.Count, "not every delivery was dead-lettered");

        var dead = service.Webhooks.ListWebhookDeliveries(request).Deliveries;
        Assert.All(dead, d => Assert.Equal((3, 503, "HTTP 503"), (d.Attempts, d.LastStatus, d.LastError)));
        Assert.Equal(events.Select(e => e.EventId).Order(), dead.Select(d => d.EventId).Order());
        Assert.Equal(3 * events.Count, receiver.Received.Count);
        Assert.Empty(receiver.Accepted);

        receiver.Down = false;
        var replayed = await service.Webhooks.ReplayWebhookDeliveriesAsync(new ReplayWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId });
        Assert.Equal(events.Count, replayed.Replayed);
        await UntilAsync(service, () => receiver.Accepted.Count == events.Count, "the replayed deliveries did not arrive");
        Assert.Equal(events.Select(e => e.EventId).Order(), receiver.Accepted.Keys.Order());
        await UntilRecordedAsDeliveredAsync(service, sink.Sink.SinkId, events.Count);

        // A delivered event replayed by sequence arrives again with the same id: the receiver's de-duplication absorbs it.
        var again = await service.Webhooks.ReplayWebhookDeliveriesAsync(new ReplayWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId, Sequences = { events[0].Sequence } });
        Assert.Equal(1, again.Replayed);
        await UntilAsync(service, () => receiver.Received.Count(r => r.Id == events[0].EventId && r.Answered == 204) == 2, "the replay by sequence did not arrive");
        Assert.Equal(events.Count, receiver.Accepted.Count);
    }

    [Fact]
    public async Task ReceiverRedirects_TheRedirectIsNotFollowed_AndCountsAsAFailedAttempt()
    {
        var settings = new Dictionary<string, string>(Settings) { ["SpeedUp:Webhooks:MaxAttempts"] = "1" };
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), settings);
        await using var receiver = WebhookReceiver.Start(service.Time);
        var sink = await CreateSinkAsync(service, receiver);
        receiver.Answer = 307;

        await StartAndStopAsync(service, times: 1);
        var events = await EventsAsync(service, 0);
        var request = new ListWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId, State = WebhookDeliveryState.DeadLettered };
        await UntilAsync(service, () => service.Webhooks.ListWebhookDeliveries(request).Deliveries.Count == events.Count, "not every delivery was dead-lettered");

        Assert.All(service.Webhooks.ListWebhookDeliveries(request).Deliveries, d => Assert.Equal((1, 307, "HTTP 307"), (d.Attempts, d.LastStatus, d.LastError)));
        Assert.Equal(events.Count, receiver.Received.Count); // one request per event: the Location was never requested
    }

    [Fact]
    public async Task EventPrunedBeforeItsDelivery_IsDeadLetteredWithAClearError()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), Settings);
        await using var receiver = WebhookReceiver.Start(service.Time);
        var sink = await CreateSinkAsync(service, receiver);
        receiver.Down = true;

        await StartAndStopAsync(service, times: 1);
        var events = await EventsAsync(service, 0);
        await UntilAsync(service, () => events.All(e => receiver.Received.Any(r => r.Id == e.EventId)), "not every event was tried");
        var store = service.Services.GetRequiredService<ISessionEventStore>();
        Assert.Equal(events.Count, await store.PruneAsync(service.Time.GetUtcNow().AddSeconds(1), TestContext.Current.CancellationToken));

        // The receiver stays down: a retry claimed just before the prune still carries its event, and it must fail
        // rather than be delivered; every attempt after the prune finds the event gone.
        var request = new ListWebhookDeliveriesRequest { SinkId = sink.Sink.SinkId, State = WebhookDeliveryState.DeadLettered };
        await UntilAsync(service, () => service.Webhooks.ListWebhookDeliveries(request).Deliveries.Count == events.Count, "the pruned events were not dead-lettered");
        Assert.All(service.Webhooks.ListWebhookDeliveries(request).Deliveries, d =>
        {
            Assert.Contains("no longer kept", d.LastError, StringComparison.Ordinal);
            Assert.Equal("", d.EventId);
        });
    }

    [Fact]
    public async Task CreateSink_RefusedUrl_IsInvalidParameters_AndNothingIsStored_AndCustomersCannotAdminister()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), Settings);
        foreach (var url in new[] { "https://user:pw@127.0.0.1/x", "https://example.com/x", "ftp://127.0.0.1/x", "http://127.0.0.1/x#f", "" })
        {
            await ProductError.AssertFailsAsync(
                () => service.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "demo", Url = url }),
                "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        }

        await ProductError.AssertFailsAsync(
            () => service.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "nobody", Url = "http://127.0.0.1/x" }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
        Assert.Empty((await service.Webhooks.ListWebhookSinksAsync(new ListWebhookSinksRequest { CustomerId = "demo" })).Sinks);

        var asCustomer = new WebhookAdmin.WebhookAdminClient(service.SignedBy(service.CustomerKey));
        await ProductError.AssertFailsAsync(
            () => asCustomer.ListWebhookSinksAsync(new ListWebhookSinksRequest { CustomerId = "demo" }),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(
            () => service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = "demo", Actions = { "WebhookAdmin/*" } }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        var operatorKey = await service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { Actions = { "WebhookAdmin/ListWebhookSinks" } });
        SecretScan.Register(operatorKey.AccessKeySecret);
        Assert.Equal(["WebhookAdmin/ListWebhookSinks"], operatorKey.Key.Actions);

        var created = await service.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "demo", Url = "http://127.0.0.1:9/x" });
        SecretScan.Register(created.Secret);
        Assert.Equal(43, created.Secret.Length);
        var rotated = await service.Webhooks.RotateWebhookSinkSecretAsync(new WebhookSinkRef { SinkId = created.Sink.SinkId });
        SecretScan.Register(rotated.Secret);
        Assert.NotEqual(created.Secret, rotated.Secret);
        await service.Webhooks.DeleteWebhookSinkAsync(new WebhookSinkRef { SinkId = created.Sink.SinkId });
        await ProductError.AssertFailsAsync(
            () => service.Webhooks.DeleteWebhookSinkAsync(new WebhookSinkRef { SinkId = created.Sink.SinkId }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
    }

    private static async Task<WebhookSinkWithSecret> CreateSinkAsync(InProcessService service, WebhookReceiver receiver)
    {
        var created = await service.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "demo", Url = receiver.Url });
        SecretScan.Register(created.Secret);
        receiver.Secret = created.Secret;
        Assert.Equal(receiver.Url, created.Sink.Url);
        return created;
    }

    private static async Task StartAndStopAsync(InProcessService service, int times)
    {
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Line });
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 100);
        for (var i = 0; i < times; i++)
        {
            await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest { IpAddress = Line, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 100 });
            await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Line, BandId = precheck.BandId, Direction = Direction.Down });
        }
    }

    /// <summary>The customer's stored events after <paramref name="after"/> (the database is fresh: 0 is every event since the sink was made).</summary>
    private static async Task<IReadOnlyList<SpeedUp.Core.Events.SessionEvent>> EventsAsync(InProcessService service, long after) =>
        await service.Services.GetRequiredService<ISessionEventStore>().ReadAsync("demo", after, 1000, TestContext.Current.CancellationToken);

    /// <summary>Moves the service's clock on by half a second every few real milliseconds until <paramref name="done"/> (at most 20 s real time).</summary>
    /// <summary>The receiver answers before the service records the answer: waits until the service has recorded them.</summary>
    private static Task UntilRecordedAsDeliveredAsync(InProcessService service, string sinkId, int count)
    {
        var delivered = new ListWebhookDeliveriesRequest { SinkId = sinkId, State = WebhookDeliveryState.Delivered, Limit = 100 };
        return UntilAsync(service, () => service.Webhooks.ListWebhookDeliveries(delivered).Deliveries.Count == count, "not every delivery was recorded as delivered");
    }

    private static async Task UntilAsync(InProcessService service, Func<bool> done, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"{what} within 20 s (real time).\n{service.Output}");
            }

            service.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
