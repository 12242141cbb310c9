using System.Diagnostics;
using Broadband.SpeedUp.Admin.V1;
using Npgsql;
using SpeedUp.Signing;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// Webhooks with two instances of the service, each its own process, on one PostgreSQL database: both deliver the
/// customer's events to a receiver on 127.0.0.1 that fails and recovers; every event arrives, signed, and exactly once
/// after de-duplication by id — no delivery is sent by both instances at once; when one instance is killed with its
/// deliveries claimed, the other takes them over after the lease.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class WebhookEndToEndTests(SimulatedNetworks networks, PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstances_ReceiverFailsAndRecovers_EveryEventExactlyOnce_ThenAKilledInstancesClaimsAreTakenOver()
    {
        var name = $"e2e_{Guid.NewGuid():N}"[..20];
        var connectionString = await postgres.Cluster.CreateDatabaseAsync(name, Ct);
        var keyPath = Path.Combine(Path.GetTempPath(), $"speedup-{name}");
        var a = await StartInstanceAsync(connectionString, keyPath, "a", null);
        await using var b = await StartInstanceAsync(connectionString, keyPath, "b", a);
        await using var receiver = WebhookReceiver.Start();
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(a, 5, Ct);
        try
        {
            var created = await a.Webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = "demo", Url = receiver.Url }, cancellationToken: Ct);
            SecretScan.Register(created.Secret);
            receiver.Secret = created.Secret;
            receiver.FailNext(8);

            // Events through both instances: each line started through one and stopped through the other.
            for (var i = 0; i < 4; i++)
            {
                await TelecomFailoverLines.StartAsync(i % 2 == 0 ? a : b, i, bandIds[i], Ct);
                await TelecomFailoverLines.StopAsync(i % 2 == 0 ? b : a, i, bandIds[i], Ct);
            }

            var events = await EventIdsAsync(connectionString);
            Assert.Equal(12, events.Count); // activated, restoring, ended × 4
            await UntilAsync(() => events.All(receiver.Accepted.ContainsKey), "not every event was accepted", a, b);
            Assert.All(receiver.Received, r => Assert.Equal(WebhookSignatureCheck.Valid, r.Check));
            Assert.True(receiver.Received.Count(r => r.Answered == 503) >= 8);
            foreach (var id in events)
            {
                Assert.Equal(1, receiver.Received.Count(r => r.Id == id && r.Answered == 204)); // never sent by both instances
            }

            // The receiver goes down; new events are claimed and retried by both instances; a is killed meanwhile.
            receiver.Down = true;
            await TelecomFailoverLines.StartAsync(a, 4, bandIds[4], Ct);
            await TelecomFailoverLines.StopAsync(a, 4, bandIds[4], Ct);
            var more = (await EventIdsAsync(connectionString)).Except(events).ToList();
            Assert.Equal(3, more.Count);
            await UntilAsync(() => more.All(id => receiver.Received.Any(r => r.Id == id)), "the new events were not tried", a, b);
            await a.KillAsync();
            receiver.Down = false;

            await UntilAsync(() => more.All(receiver.Accepted.ContainsKey), "the survivor did not deliver the new events", b);
            Assert.Equal(15, receiver.Accepted.Count);
            Assert.All(receiver.Received, r => Assert.Equal(WebhookSignatureCheck.Valid, r.Check));
            // The receiver answers before the instance records the answer: wait for the record.
            var delivered = new ListWebhookDeliveriesRequest { SinkId = created.Sink.SinkId, State = WebhookDeliveryState.Delivered, Limit = 100 };
            await UntilAsync(() => b.Webhooks.ListWebhookDeliveries(delivered, cancellationToken: Ct).Deliveries.Count == 15, "not every delivery was recorded as delivered", b);
        }
        finally
        {
            await a.DisposeAsync();
            await networks.ResetTelecomAsync();
        }
    }

    private async Task<ServiceProcess> StartInstanceAsync(string connectionString, string keyPath, string id, ServiceProcess? keysOf)
    {
        var settings = new Dictionary<string, string>
        {
            ["SpeedUp:Storage:Provider"] = "Postgres",
            ["SpeedUp:Storage:ConnectionString"] = connectionString,
            ["SpeedUp:Cluster:InstanceId"] = id,
            ["SpeedUp:Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["SpeedUp:Webhooks:AllowHttp"] = "true",
            ["SpeedUp:Webhooks:InitialBackoff"] = "00:00:00.200",
            ["SpeedUp:Webhooks:MaxBackoff"] = "00:00:01",
            ["SpeedUp:Webhooks:MaxAttempts"] = "100",
            ["SpeedUp:Webhooks:PollInterval"] = "00:00:00.200",
            ["SpeedUp:Webhooks:Timeout"] = "00:00:01",
            ["SpeedUp:Webhooks:ClaimLease"] = "00:00:03",
        };
        return await ServiceProcess.StartAsync(networks.Simulators, keyPath, settings, keysOf, Ct);
    }

    private static async Task<List<string>> EventIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT event_id FROM session_events WHERE customer_id = 'demo' ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task UntilAsync(Func<bool> done, string what, params ServiceProcess[] instances)
    {
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30),
                $"{what} within 30 s:\n{string.Join("\n----\n", instances.Select(i => i.Output))}");
            await Task.Delay(50, Ct);
        }
    }
}
