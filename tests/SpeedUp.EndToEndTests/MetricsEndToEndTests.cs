using System.Diagnostics;
using Broadband.SpeedUp.V1;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The service process serves its metrics in Prometheus text on the admin listener (<c>SpeedUp:Admin</c>, a free port
/// here), scraped with real curl, and not on its gRPC port. (Each instrument moving with its event:
/// tests/SpeedUp.Host.Tests/Telemetry/MetricsTests.cs.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class MetricsEndToEndTests(SimulatedNetworks networks)
{
    private const string Ip = "202.101.172.35";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scrape_AfterASpeedUp_ShowsTheCounterWithLabelsAndDeviceLatencyOnlyOnTheAdminPort()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-metrics-{Guid.NewGuid():N}.db"));
        var adminPort = service.AdminPort ?? throw new InvalidOperationException("The service did not say where its admin endpoint listens:\n" + service.Output);
        Assert.NotEqual(service.Port, adminPort);
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Ip, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        }, cancellationToken: Ct);
        try
        {
            var (exit, text) = await CurlAsync($"http://127.0.0.1:{adminPort}/metrics");

            Assert.Equal(0, exit);
            var lines = text.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("speedup_speedups_total{", StringComparison.Ordinal)
                && l.Contains("speedup_carrier=\"ChinaTelecom\"", StringComparison.Ordinal)
                && l.Contains("speedup_province=\"Zhejiang\"", StringComparison.Ordinal)
                && l.Contains("speedup_channel=\"ct-huawei-ssh\"", StringComparison.Ordinal)
                && l.Contains("speedup_outcome=\"applied\"", StringComparison.Ordinal)
                && l.EndsWith(" 1", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("speedup_device_operation_duration_seconds_bucket{", StringComparison.Ordinal)
                && l.Contains("speedup_channel=\"ct-huawei-ssh\"", StringComparison.Ordinal)
                && l.Contains("speedup_driver=\"huawei-cli-ssh\"", StringComparison.Ordinal)
                && l.Contains("speedup_device_operation=\"write\"", StringComparison.Ordinal)
                && l.Contains("le=\"+Inf\"", StringComparison.Ordinal));
            Assert.DoesNotContain(precheck.BandId.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

            // The gRPC port (HTTP/2) does not serve the scrape.
            var (_, grpcAnswer) = await CurlAsync($"http://127.0.0.1:{service.Port}/metrics", "--http2-prior-knowledge", "-w", "\n%{http_code}");
            Assert.DoesNotContain("speedup_", grpcAnswer, StringComparison.Ordinal);
            Assert.NotEqual("200", grpcAnswer.Split('\n')[^1]);

            // Liveness and readiness beside the scrape, on the admin port only.
            var (_, live) = await CurlAsync($"http://127.0.0.1:{adminPort}/health/live", "-w", "\n%{http_code}");
            Assert.Equal(["Healthy", "200"], live.Split('\n'));
            var (_, ready) = await CurlAsync($"http://127.0.0.1:{adminPort}/health/ready", "-w", "\n%{http_code}");
            Assert.Equal("200", ready.Split('\n')[^1]);
            Assert.Contains("\"store\":{\"status\":\"Healthy\"", ready, StringComparison.Ordinal);
            Assert.Contains("\"supply\":{\"status\":", ready, StringComparison.Ordinal);
            var (_, grpcHealth) = await CurlAsync($"http://127.0.0.1:{service.Port}/health/ready", "--http2-prior-knowledge", "-w", "\n%{http_code}");
            Assert.NotEqual("200", grpcHealth.Split('\n')[^1]);
        }
        finally
        {
            await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Ip, BandId = precheck.BandId, Direction = Direction.Down }, cancellationToken: Ct);
        }
    }

    /// <summary>Runs curl on <paramref name="url"/>; returns its exit code and what it printed.</summary>
    private static async Task<(int Exit, string Output)> CurlAsync(string url, params string[] options)
    {
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--silent", "--show-error", "--max-time", "10", .. options, url])
        {
            info.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(info) ?? throw new InvalidOperationException("curl did not start.");
        var output = curl.StandardOutput.ReadToEndAsync(Ct);
        var error = curl.StandardError.ReadToEndAsync(Ct);
        await curl.WaitForExitAsync(Ct);
        return (curl.ExitCode, await output + await error);
    }
}
