using System.Net;
using System.Net.Sockets;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The service as its own process on PostgreSQL when the database is not there: at start-up it stops naming the key
/// (never the password); later, calls fail with isp.SYSTEM_ERROR (UNAVAILABLE), nothing reaches a device, and the
/// instance serves again by itself once the database is back. A cluster of its own: these tests stop it.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class PostgresOutageTests(SimulatedNetworks networks, PostgresClusterFixture postgres) : IClassFixture<PostgresClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_WhileTheDatabaseIsDown_AreUnavailableTouchNoDeviceAndRecoverWhenItIsBack()
    {
        var connection = await postgres.CreateDatabaseAsync("outage");
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewKeyPath(), Settings(connection), Ct);
        var bandId = (await TelecomFailoverLines.PrecheckAndOrderAsync(service, 1, Ct))[0];
        var auditFrom = networks.Telecom.State.AuditLog.Count;
        try
        {
            await postgres.Cluster.StopServerAsync(Ct);

            await ProductError.AssertFailsAsync(() => service.Client.StartSpeedUpAsync(TelecomFailoverLines.Start(0, bandId), cancellationToken: Ct),
                "isp.SYSTEM_ERROR", StatusCode.Unavailable);
            await ProductError.AssertFailsAsync(() => service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct),
                "isp.SYSTEM_ERROR", StatusCode.Unavailable);
            Assert.DoesNotContain(networks.Telecom.State.AuditLog.Skip(auditFrom), e => e.Outcome == "applied"); // nothing sent without its journal entry
            var health = new Grpc.Health.V1.Health.HealthClient(service.Channel);
            var ready = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Ct);
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, ready.Status); // out of the balancer
            var output = await service.WaitForOutputAsync("Session sweep waits for the store", Ct); // the sweeper says so, one line a tick
            Assert.DoesNotContain("Session sweep failed", output, StringComparison.Ordinal);
            Assert.True(networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.AtBaseRates);

            await postgres.Cluster.StartServerAgainAsync(Ct);
            await EventuallyServedAsync(service, bandId);
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving,
                (await new Grpc.Health.V1.Health.HealthClient(service.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Ct)).Status);
            await TelecomFailoverLines.StartAsync(service, 0, bandId, Ct);
            Assert.Equal(200000, networks.Telecom.State.FindByAccount(TelecomFailoverLines.Lines[0].Account)!.DownKbps);
            await TelecomFailoverLines.StopAsync(service, 0, bandId, Ct);
        }
        finally
        {
            await postgres.Cluster.StartServerAgainAsync(CancellationToken.None);
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task StartUp_WithAnUnreachableDatabase_StopsNamingTheKeyAndNeverThePassword()
    {
        const string password = "pg-pass-Wq83-never-printed";
        var settings = Settings($"Host=127.0.0.1;Port={ClosedPort()};Database=speedup;Username=speedup");
        settings["SPEEDUP_POSTGRES_PASSWORD"] = password;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(networks.Simulators, NewKeyPath(), settings, Ct));

        Assert.Contains("SpeedUp:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["SpeedUp:Storage:Provider"] = "Postgres",
        ["SpeedUp:Storage:ConnectionString"] = connectionString,
    };

    private static string NewKeyPath() => Path.Combine(Path.GetTempPath(), $"speedup-outage-{Guid.NewGuid():N}");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener goes
    }

    private static async Task EventuallyServedAsync(ServiceProcess service, long bandId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Ct);
            }
        }
    }
}
