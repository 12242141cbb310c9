using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Sessions;

/// <summary>
/// <c>WatchSessions</c> in process on the fake clock: a stream opens with a heartbeat, delivers a customer's events in
/// order (start, extension, expiry), resumes after any token without loss or repeat, and refuses tokens it never gave.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class WatchSessionsTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-watch-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Watch_SeesStartExtendAndExpiryInOrder_AndResumesFromAnyTokenWithoutLossOrRepeat()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        using var watch = service.Client.WatchSessions(new WatchSessionsRequest(), cancellationToken: Ct);
        var opening = await NextAsync(watch.ResponseStream);
        Assert.Null(opening.Event); // a heartbeat with the starting token
        var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address }, cancellationToken: Ct)).BandId;
        await service.Client.OrderThirtyDayPackAsync(bandId, Direction.Up, 20, cancellationToken: Ct);
        var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20, DurationMinutes = 30,
        }, cancellationToken: Ct);
        await service.Client.ExtendSpeedUpAsync(new ExtendSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Direction.Up, AdditionalMinutes = 15,
        }, cancellationToken: Ct);
        service.Time.Advance(TimeSpan.FromMinutes(46));

        var received = new List<WatchSessionsResponse>();
        while (received.Count < 4)
        {
            var next = await NextAsync(watch.ResponseStream);
            if (next.Event is not null)
            {
                received.Add(next);
            }
        }

        Assert.Equal(
            [SessionEventType.Activated, SessionEventType.Extended, SessionEventType.Restoring, SessionEventType.Ended],
            received.Select(r => r.Event.Type));
        Assert.All(received, r => Assert.Equal(started.Status.SessionId, r.Event.Session.SessionId));
        Assert.Equal(started.Status.ExpiresAt.ToDateTimeOffset().AddMinutes(15), received[1].Event.Session.ExpiresAt.ToDateTimeOffset());
        Assert.Equal((SessionState.Ended, EndReason.Expired, 45), (received[3].Event.Session.State, received[3].Event.Session.EndReason, received[3].Event.Session.MeteredMinutes));
        Assert.Equal(bandId, received[0].Event.BandId);

        // Resuming after the second event gives exactly the third and fourth.
        using var resumed = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = received[1].ResumeToken }, cancellationToken: Ct);
        Assert.Null((await NextAsync(resumed.ResponseStream)).Event);
        Assert.Equal(received[2].Event.EventId, (await NextAsync(resumed.ResponseStream)).Event.EventId);
        Assert.Equal(received[3].Event.EventId, (await NextAsync(resumed.ResponseStream)).Event.EventId);

        // From the opening token, all four.
        using var replay = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = opening.ResumeToken }, cancellationToken: Ct);
        await NextAsync(replay.ResponseStream);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(received[i].Event.EventId, (await NextAsync(replay.ResponseStream)).Event.EventId);
        }
    }

    [Fact]
    public async Task Watch_QuietStream_SendsAHeartbeatWithTheCurrentToken()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var watch = service.Client.WatchSessions(new WatchSessionsRequest(), cancellationToken: Ct);
        var opening = await NextAsync(watch.ResponseStream);

        var heartbeat = service.WhileTimePassesAsync(() => NextAsync(watch.ResponseStream), TimeSpan.FromSeconds(5)); // SpeedUp:Events:Heartbeat 30 s

        Assert.Null((await heartbeat).Event);
        Assert.Equal(opening.ResumeToken, (await heartbeat).ResumeToken);
    }

    [Fact]
    public async Task Watch_FromATokenOlderThanTheRetention_FailsAfterTheHourlyPruning()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address }, cancellationToken: Ct)).BandId;
        await service.Client.OrderThirtyDayPackAsync(bandId, Direction.Up, 20, cancellationToken: Ct);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20, DurationMinutes = 30,
        }, cancellationToken: Ct);
        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Address, BandId = bandId, Direction = Direction.Up }, cancellationToken: Ct);
        using (var fresh = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = "0" }, cancellationToken: Ct))
        {
            await NextAsync(fresh.ResponseStream);
            Assert.Equal(SessionEventType.Activated, (await NextAsync(fresh.ResponseStream)).Event.Type); // kept for now
        }

        service.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1)); // SpeedUp:Events:Retention, pruned hourly

        var refused = await Eventually.ValueAsync(async () =>
        {
            using var old = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = "0" }, cancellationToken: Ct);
            return await Record.ExceptionAsync(() => old.ResponseStream.MoveNext(Ct)) as RpcException;
        }, e => e is not null, "Events older than the retention were not pruned.");
        Assert.Equal((StatusCode.FailedPrecondition, "isv.INVALID_PARAMETERS"), (refused!.StatusCode, refused.Trailers.GetValue("x-product-code")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task Watch_WithATokenItNeverGaveOut_FailsWithInvalidParameters(string token)
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var watch = service.Client.WatchSessions(new WatchSessionsRequest { ResumeToken = token }, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Ct));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("isv.INVALID_PARAMETERS", error.Trailers.GetValue("x-product-code"));
    }

    private static async Task<WatchSessionsResponse> NextAsync(IAsyncStreamReader<WatchSessionsResponse> stream)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Eventually.Limit);
        Assert.True(await stream.MoveNext(bound.Token), "The stream ended.");
        return stream.Current;
    }
}
