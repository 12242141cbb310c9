using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Sessions;

/// <summary>
/// <c>SessionAdmin</c> (protos/broadband/speedup/admin/v1/sessions.proto) on the simulators: the operator lists and shows
/// a customer's open session and stops it through the normal restore path — the simulated line is back at its plan and
/// the customer sees the session ended as STOPPED_BY_OPERATOR. Filters, unknown ids and grants are refused as the other
/// admin services refuse them.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SessionAdminTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps
    private const string Account = "zj0571a0002";

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-session-admin-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StopSession_OfACustomersActiveSession_RestoresTheLineAndEndsItStoppedByOperator()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Broadband.SpeedUp.V1.Direction.Up);
        var original = DeviceViews.ReadOverSsh(networks, Account).Up;
        var (bandId, started) = await StartAsync(service);
        Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, Account).Up);

        var listed = await service.Sessions.ListSessionsAsync(new ListSessionsRequest { BandId = bandId });
        var session = Assert.Single(listed.Sessions);
        Assert.Equal((started.Status.SessionId, "demo", "ACTIVE", "NONE", "UP", 20000L, original, Address, Account),
            (session.SessionId, session.CustomerId, session.State, session.EndReason, session.Direction, session.TargetKbps, session.OriginalKbps,
                session.IpAddress, session.Account));
        Assert.Equal(0, listed.More);
        Assert.Equal(session, await service.Sessions.GetSessionAsync(new GetSessionRequest { SessionId = session.SessionId }));

        var stopped = await service.Sessions.StopSessionAsync(new StopSessionRequest { SessionId = session.SessionId, Reason = "line complaint 4711" });

        Assert.Equal(("ENDED", "STOPPED_BY_OPERATOR"), (stopped.State, stopped.EndReason));
        Assert.NotNull(stopped.EndedAt);
        Assert.Equal(original, DeviceViews.ReadOverSsh(networks, Account).Up);
        var status = await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId });
        Assert.Equal((SessionState.Ended, Broadband.SpeedUp.V1.EndReason.StoppedByOperator), (status.Upload.State, status.Upload.EndReason));
        Assert.Empty((await service.Sessions.ListSessionsAsync(new ListSessionsRequest { BandId = bandId })).Sessions);
        Assert.Contains($"Operator key {service.OperatorKey.AccessKeyId} stops session {session.SessionId} (customer demo, band {bandId} Up): line complaint 4711",
            service.Output, StringComparison.Ordinal);

        var again = await ProductError.AssertFailsAsync(() => service.Sessions.StopSessionAsync(new StopSessionRequest { SessionId = session.SessionId }),
            "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);
        Assert.Contains("has already ended", again.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSessions_Filters_MatchBandAddressAndCustomer_AndRefuseMalformedValues()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Broadband.SpeedUp.V1.Direction.Up);
        var (bandId, started) = await StartAsync(service);

        Assert.Equal(started.Status.SessionId, Assert.Single((await service.Sessions.ListSessionsAsync(new ListSessionsRequest())).Sessions).SessionId);
        Assert.Single((await service.Sessions.ListSessionsAsync(new ListSessionsRequest { IpAddress = Address, CustomerId = "demo" })).Sessions);
        Assert.Empty((await service.Sessions.ListSessionsAsync(new ListSessionsRequest { IpAddress = "202.101.172.35" })).Sessions);
        Assert.Empty((await service.Sessions.ListSessionsAsync(new ListSessionsRequest { CustomerId = "someone-else" })).Sessions);
        Assert.Empty((await service.Sessions.ListSessionsAsync(new ListSessionsRequest { BandId = bandId + 1 })).Sessions);

        await ProductError.AssertFailsAsync(() => service.Sessions.ListSessionsAsync(new ListSessionsRequest { IpAddress = "202.101.172" }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => service.Sessions.ListSessionsAsync(new ListSessionsRequest { BandId = -1 }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => service.Sessions.ListSessionsAsync(new ListSessionsRequest { Limit = 1001 }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        var unknown = await ProductError.AssertFailsAsync(() => service.Sessions.GetSessionAsync(new GetSessionRequest { SessionId = "0123456789abcdef" }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);
        Assert.Contains("0123456789abcdef", unknown.Status.Detail, StringComparison.Ordinal);
        await ProductError.AssertFailsAsync(() => service.Sessions.StopSessionAsync(new StopSessionRequest { SessionId = "x;y" }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(
            () => service.Sessions.StopSessionAsync(new StopSessionRequest { SessionId = started.Status.SessionId, Reason = "a\nb" }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        Assert.Equal("ACTIVE", (await service.Sessions.GetSessionAsync(new GetSessionRequest { SessionId = started.Status.SessionId })).State);
    }

    [Fact]
    public async Task SessionAdmin_IsGrantedPerAction_AndNeverToACustomerKey()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        var created = await service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { Actions = { "SessionAdmin/ListSessions" }, Description = "viewer" });
        SecretScan.Register(created.AccessKeySecret);
        var viewer = new SessionAdmin.SessionAdminClient(service.SignedBy(new AccessKeyCredentials(created.Key.AccessKeyId, created.AccessKeySecret)));

        Assert.Empty((await viewer.ListSessionsAsync(new ListSessionsRequest { BandId = 1 })).Sessions);
        var denied = await ProductError.AssertFailsAsync(() => viewer.StopSessionAsync(new StopSessionRequest { SessionId = "0123456789abcdef" }),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        Assert.Contains($"'{created.Key.AccessKeyId}' may not call SessionAdmin/StopSession", denied.Status.Detail, StringComparison.Ordinal);
        await ProductError.AssertFailsAsync(() => new SessionAdmin.SessionAdminClient(service.SignedBy(service.CustomerKey))
            .ListSessionsAsync(new ListSessionsRequest()), "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = "demo", Actions = { "SessionAdmin/*" } }));
        Assert.Contains("operator actions", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<(long BandId, StartSpeedUpResponse Started)> StartAsync(InProcessService service)
    {
        var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address })).BandId;
        await service.Client.OrderThirtyDayPackAsync(bandId, Broadband.SpeedUp.V1.Direction.Up, 20);
        var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Broadband.SpeedUp.V1.Direction.Up, TargetBandwidthMbps = 20,
        });
        return (bandId, started);
    }
}
