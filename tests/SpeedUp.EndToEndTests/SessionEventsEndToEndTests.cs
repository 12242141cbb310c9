using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// <c>WatchSessions</c> against the service as its own process: a client that keeps the resume token of the last event
/// it processed reconnects after the service was killed (kill -9) and restarted, and receives every event that happened
/// meanwhile, once, in order.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class SessionEventsEndToEndTests(SimulatedNetworks networks)
{
    private const string Address = "202.102.152.4"; // China Unicom Shandong, sd0531u0002, down 100 Mbps

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watch_ResumedWithItsTokenAfterKill9_MissesNothingAndRepeatsNothing()
    {
        var database = Path.Combine(Path.GetTempPath(), $"speedup-events-{Guid.NewGuid():N}.db");
        var first = await ServiceProcess.StartAsync(networks.Simulators, database);
        var precheck = await first.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address }, cancellationToken: Ct);
        await first.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        var seen = new List<WatchSessionsResponse>();
        string token;
        using (var watch = first.Client.WatchSessions(new WatchSessionsRequest(), cancellationToken: Ct))
        {
            await NextAsync(watch.ResponseStream); // the opening heartbeat
            await first.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = Address, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200, DurationMinutes = 30,
            }, cancellationToken: Ct);
            await first.Client.ExtendSpeedUpAsync(new ExtendSpeedUpRequest
            {
                IpAddress = Address, BandId = precheck.BandId, Direction = Direction.Down, AdditionalMinutes = 10,
            }, cancellationToken: Ct);
            seen.Add(await NextEventAsync(watch.ResponseStream));
            seen.Add(await NextEventAsync(watch.ResponseStream));
            token = seen[^1].ResumeToken;
        }

        await first.KillAsync();
        await first.DisposeAsync();

        // While the client is away, the restarted service ends the session.
        await using var second = await ServiceProcess.StartAsync(networks.Simulators, database);
        await second.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Address, BandId = precheck.BandId, Direction = Direction.Down }, cancellationToken: Ct);
        using (var resumed = second.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = token }, cancellationToken: Ct))
        {
            Assert.Null((await NextAsync(resumed.ResponseStream)).Event);
            seen.Add(await NextEventAsync(resumed.ResponseStream));
            seen.Add(await NextEventAsync(resumed.ResponseStream));
        }

        Assert.Equal(
            [SessionEventType.Activated, SessionEventType.Extended, SessionEventType.Restoring, SessionEventType.Ended],
            seen.Select(s => s.Event.Type));
        Assert.Equal(4, seen.Select(s => s.Event.EventId).Distinct().Count());
        Assert.Single(seen.Select(s => s.Event.Session.SessionId).Distinct());
        Assert.Equal(EndReason.Stopped, seen[3].Event.Session.EndReason);
        Assert.Equal(TimeSpan.FromMinutes(40), seen[3].Event.Session.ExpiresAt.ToDateTimeOffset() - seen[3].Event.Session.StartedAt.ToDateTimeOffset());
        Assert.Equal(100000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
    }

    private static async Task<WatchSessionsResponse> NextEventAsync(IAsyncStreamReader<WatchSessionsResponse> stream)
    {
        while (true)
        {
            var next = await NextAsync(stream);
            if (next.Event is not null)
            {
                return next;
            }
        }
    }

    private static async Task<WatchSessionsResponse> NextAsync(IAsyncStreamReader<WatchSessionsResponse> stream)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(20));
        Assert.True(await stream.MoveNext(bound.Token), "The stream ended.");
        return stream.Current;
    }
}
