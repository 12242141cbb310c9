using System.Diagnostics;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Npgsql;
using SpeedUp.Simulator;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// Several instances of the service, each its own process, on one PostgreSQL database (a throwaway cluster) with the
/// simulated networks: a line changes through one instance at a time, a killed instance's work is finished by the
/// others (claims taken over after their lease, half-way sessions restored), and a replayed call is refused by every
/// instance. The simulator's audit log is the witness that nothing is applied twice.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class MultiInstanceTests(SimulatedNetworks networks, PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private const int ClaimLeaseSeconds = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartSpeedUp_SameLineThroughTwoInstancesAtOnce_ExactlyOneWinsAndTheOtherStopsIt()
    {
        var deployment = await DeploymentAsync();
        await using var a = await StartInstanceAsync(deployment, "a");
        await using var b = await StartInstanceAsync(deployment, "b", keysOf: a);
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        var bandId = (await TelecomFailoverLines.PrecheckAndOrderAsync(a, 1, Ct))[0];
        try
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                try
                {
                    await TelecomFailoverLines.StartAsync(i % 2 == 0 ? a : b, 0, bandId, Ct);
                    return "started";
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
                {
                    Assert.Equal("isv.INVALID_PARAMETERS", e.Trailers.GetValue("x-product-code"));
                    return "refused";
                }
            }));

            Assert.Equal(1, outcomes.Count(o => o == "started"));
            Assert.Equal(7, outcomes.Count(o => o == "refused"));
            var line = networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!;
            Assert.Equal(200000, line.DownKbps);
            Assert.Single(AppliedTo(auditFrom, line)); // applied once, whatever instance won

            await TelecomFailoverLines.StopAsync(b, 0, bandId, Ct); // any instance answers for any session
            Assert.True(networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.AtBaseRates);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task WatchSessions_OnOneInstance_HearsTheChangesMadeThroughTheOtherInOrder()
    {
        var deployment = await DeploymentAsync();
        await using var a = await StartInstanceAsync(deployment, "a");
        await using var b = await StartInstanceAsync(deployment, "b", keysOf: a);
        var bandId = (await TelecomFailoverLines.PrecheckAndOrderAsync(a, 1, Ct))[0];
        try
        {
            using var watch = b.Client.WatchSessions(new WatchSessionsRequest(), cancellationToken: Ct);
            Assert.True(await watch.ResponseStream.MoveNext(Ct)); // the opening heartbeat
            await TelecomFailoverLines.StartAsync(a, 0, bandId, Ct);
            await TelecomFailoverLines.StopAsync(a, 0, bandId, Ct);

            var kinds = new List<SessionEventType>();
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            bound.CancelAfter(TimeSpan.FromSeconds(20));
            while (kinds.Count < 3 && await watch.ResponseStream.MoveNext(bound.Token))
            {
                if (watch.ResponseStream.Current.Event is { } e)
                {
                    Assert.Equal(bandId, e.BandId);
                    kinds.Add(e.Type);
                }
            }

            Assert.Equal([SessionEventType.Activated, SessionEventType.Restoring, SessionEventType.Ended], kinds);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task KillMinus9_OfTheInstanceHoldingRestoreClaims_TheSurvivorRestoresEveryLineAfterTheLease()
    {
        var deployment = await DeploymentAsync();
        var a = await StartInstanceAsync(deployment, "a", Short);
        var bandIds = await TelecomFailoverLines.PrecheckAndOrderAsync(a, 4, Ct);
        var balance = await BalanceAsync(a);
        try
        {
            for (var i = 0; i < bandIds.Length; i++)
            {
                await TelecomFailoverLines.StartAsync(a, i, bandIds[i], Ct);
            }

            // The device answers slowly now: when the sessions fall due, instance a claims them and is stuck restoring.
            networks.Telecom.Faults.CommandLatency = TimeSpan.FromSeconds(20);
            // Kill it while it holds a live claim on a session it has begun restoring (one sweep restores its claims in turn).
            await WaitUntilAsync(deployment, "SELECT count(*) FROM sessions WHERE claimed_by = 'a' AND claim_until > now() AND state = 'Restoring'", 1);
            await a.KillAsync();
            var killedAt = Stopwatch.StartNew();
            networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;

            await using var b = await StartInstanceAsync(deployment, "b", Short, keysOf: a);
            foreach (var bandId in bandIds)
            {
                var status = await WaitForEndAsync(b, bandId);
                Assert.Contains(status.EndReason, new[] { EndReason.Expired, EndReason.RestoredAfterRestart });
            }

            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(30), $"took {killedAt.Elapsed}");
            for (var i = 0; i < bandIds.Length; i++)
            {
                var line = networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[i].Account)!;
                Assert.True(line.AtBaseRates, $"{line.Account} is still at {line.DownKbps} kbit/s:\n{b.Output}");
            }

            Assert.Equal(0, await CountAsync(deployment, "SELECT count(*) FROM sessions WHERE state <> 'Ended'"));
            Assert.Equal(balance, await BalanceAsync(b)); // the takeover charges nothing
        }
        finally
        {
            await a.DisposeAsync();
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task KillMinus9_MidStart_AnotherInstanceRestoresTheHalfAppliedLine()
    {
        var deployment = await DeploymentAsync();
        var a = await StartInstanceAsync(deployment, "a");
        await using var b = await StartInstanceAsync(deployment, "b", keysOf: a);
        var bandId = (await TelecomFailoverLines.PrecheckAndOrderAsync(a, 1, Ct))[0];
        try
        {
            // Every command answers after 2 s: the start reads the line, journals the session and is killed mid-write.
            networks.Telecom.Faults.CommandLatency = TimeSpan.FromSeconds(2);
            var start = TelecomFailoverLines.StartAsync(a, 0, bandId, Ct);
            await WaitUntilAsync(deployment, "SELECT count(*) FROM sessions WHERE state = 'Applying'", 1);
            await a.KillAsync();
            await Assert.ThrowsAnyAsync<RpcException>(() => start);
            networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;

            var status = await WaitForEndAsync(b, bandId); // b's sweeper takes the line once a's connection (and lock) is gone
            Assert.Equal(EndReason.RestoredAfterRestart, status.EndReason);
            Assert.True(networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.AtBaseRates);
        }
        finally
        {
            await a.DisposeAsync();
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task SignedCall_ReplayedToAnotherInstance_IsRefused()
    {
        var deployment = await DeploymentAsync();
        await using var a = await StartInstanceAsync(deployment, "a");
        await using var b = await StartInstanceAsync(deployment, "b", keysOf: a);
        var headers = SignedCallProbe.Headers(a.CustomerKey, DateTimeOffset.UtcNow, nonce: Guid.NewGuid().ToString("N"));

        await new SpeedUpService.SpeedUpServiceClient(a.Channel).QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct);

        await SignedCallProbe.AssertUnauthenticatedAsync(b, headers, "already used");
    }

    /// <summary>Sessions short enough to fall due during the test, swept often, claims leased for a few seconds.</summary>
    private static Dictionary<string, string> Short => new()
    {
        ["SpeedUp:Sessions:MaxDuration"] = "00:00:04",
        ["SpeedUp:Sessions:DefaultDuration"] = "00:00:04",
    };

    private async Task<Deployment> DeploymentAsync()
    {
        var name = $"e2e_{Guid.NewGuid():N}"[..20];
        return new Deployment(await postgres.Cluster.CreateDatabaseAsync(name, Ct), Path.Combine(Path.GetTempPath(), $"speedup-{name}"));
    }

    private async Task<ServiceProcess> StartInstanceAsync(Deployment deployment, string id, Dictionary<string, string>? extra = null, ServiceProcess? keysOf = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["SpeedUp:Storage:Provider"] = "Postgres",
            ["SpeedUp:Storage:ConnectionString"] = deployment.ConnectionString,
            ["SpeedUp:Cluster:InstanceId"] = id,
            ["SpeedUp:Cluster:ClaimLease"] = $"00:00:0{ClaimLeaseSeconds}",
            ["SpeedUp:Sessions:SweepInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        // The path names the deployment's master key file (shared), not a database: the store is PostgreSQL.
        return await ServiceProcess.StartAsync(networks.Simulators, deployment.KeyPath, settings, keysOf, Ct);
    }

    private static async Task<DirectionStatus> WaitForEndAsync(ServiceProcess service, long bandId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var status = (await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct)).Download;
            if (status.State == SessionState.Ended)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"band {bandId} still {status.State}:\n{service.Output}");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task WaitUntilAsync(Deployment deployment, string countSql, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await CountAsync(deployment, countSql) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"never reached {expected}: {countSql}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<long> CountAsync(Deployment deployment, string sql)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<string> BalanceAsync(ServiceClients service)
    {
        var customer = await service.Customers.GetCustomerAsync(new Broadband.SpeedUp.Admin.V1.GetCustomerRequest { Id = "demo" }, cancellationToken: Ct);
        return $"{customer.Balance}/{customer.Frozen}";
    }

    private List<AuditEntry> AppliedTo(int auditFrom, SubscriberLineState line) =>
        [.. networks.Telecom.State.AuditLog.Skip(auditFrom).Where(e => e.Outcome == "applied" && TelecomFailoverLines.Mentions(e, line))];

    private sealed record Deployment(string ConnectionString, string KeyPath);
}
