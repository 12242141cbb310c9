using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.HealthChecks;

/// <summary>
/// Readiness follows the supply channels: the service (in process) with two channels to the simulated China Telecom BRAS
/// (SSH CLI, SNMP backup) and one to China Unicom; the simulator's faces go dark one after the other while the health
/// monitor probes on the service's fake clock. grpc.health.v1 answers per carrier and province.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ReadinessTests(SimulatedNetworks networks)
{
    private const string TelecomZhejiang = "speedup.supply.ChinaTelecom.Zhejiang";
    private static readonly TimeSpan DeviceTime = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_AsTheTelecomChannelsGoDark_IsDegradedThenTheAreaIsNotServing()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators,
            Path.Combine(Path.GetTempPath(), $"speedup-ready-{Guid.NewGuid():N}.db"), ChannelSettings.TelecomWithSnmpBackup(networks.Simulators), cancellationToken: Ct);
        var health = new Health.HealthClient(service.Channel);
        try
        {
            await UntilAsync(service, () => ReadinessAsync(service), r => r.Status == HealthStatus.Healthy, "every channel serving");
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(health, TelecomZhejiang));

            await networks.Telecom.SetSshDarkAsync(true, Ct);
            var degraded = await UntilAsync(service, () => ReadinessAsync(service), r => r.Status == HealthStatus.Degraded, "SSH down: degraded");
            Assert.StartsWith("Channels down: ct-huawei-ssh; no serving channel for ChinaTelecom/Beijing", degraded.Entries["supply"].Description, StringComparison.Ordinal);
            Assert.Equal("1/2 serving (down: ct-huawei-ssh)", degraded.Entries["supply"].Data["ChinaTelecom/Zhejiang"]);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(health, TelecomZhejiang)); // SNMP still serves it

            networks.Telecom.Faults.SnmpDark = true;
            await UntilAsync(service, () => StatusAsync(health, TelecomZhejiang), s => s == HealthCheckResponse.Types.ServingStatus.NotServing, "Telecom dark");
            var report = await ReadinessAsync(service);
            Assert.Equal(HealthStatus.Degraded, report.Status); // China Unicom still serves: the instance stays in the balancer
            Assert.Equal("0/2 serving (down: ct-huawei-ssh, ct-snmp)", report.Entries["supply"].Data["ChinaTelecom/Zhejiang"]);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(health, ""));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await StatusAsync(health, "speedup.supply.ChinaUnicom.Beijing"));

            networks.Telecom.Faults.SnmpDark = false;
            await networks.Telecom.SetSshDarkAsync(false, Ct);
            await UntilAsync(service, () => StatusAsync(health, TelecomZhejiang), s => s == HealthCheckResponse.Types.ServingStatus.Serving, "Telecom back");
        }
        finally
        {
            networks.Telecom.Faults.SnmpDark = false;
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
            await networks.ResetTelecomAsync();
        }
    }

    private static Task<HealthReport> ReadinessAsync(InProcessService service) =>
        service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"), Ct);

    private static async Task<HealthCheckResponse.Types.ServingStatus> StatusAsync(Health.HealthClient health, string name) =>
        (await health.CheckAsync(new HealthCheckRequest { Service = name }, cancellationToken: Ct)).Status;

    /// <summary>Moves the service's clock by one probe interval (250 ms) until <paramref name="done"/> holds.</summary>
    private static Task<T> UntilAsync<T>(InProcessService service, Func<Task<T>> read, Func<T, bool> done, string what) =>
        Eventually.ValueAsync(
            async () =>
            {
                service.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await read();
            },
            done, $"never: {what}\n{service.Output}", DeviceTime, Ct);
}
