using System.Diagnostics;
using System.Text.Json;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// A client that shares nothing with this project but the .proto — Node.js @grpc/grpc-js loading it at run
/// time — pre-checks, starts, queries and stops a speed-up on each carrier; the devices show the change.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class NodeClientTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public async ValueTask InitializeAsync() =>
        _service = await ServiceProcess.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-node-{Guid.NewGuid():N}.db"));

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task NodeClient_OnChinaTelecomLine_SpeedsUpAndRestores()
    {
        var steps = await RunClientAsync("222.172.200.69", 0, "UP", 10); // Yunnan: already 100 down; up 10 is its offer

        Assert.Equal("OK", steps["precheck"].GetProperty("code").GetString());
        Assert.Equal("353000002", steps["precheck"].GetProperty("band_id").GetString());
        Assert.Equal("ACTIVE", steps["status-active"].GetProperty("upload").GetProperty("state").GetString());
        Assert.Equal(10, steps["status-active"].GetProperty("upload").GetProperty("target_bandwidth_mbps").GetInt32());
        Assert.Equal("STOPPED", steps["status-ended"].GetProperty("upload").GetProperty("end_reason").GetString());
        Assert.Equal(8000, DeviceViews.ReadOverSsh(networks, "yn0871a0002").Up);
    }

    [Fact]
    public async Task NodeClient_OnChinaUnicomLineBehindCgnat_SpeedsUpAndRestores()
    {
        var steps = await RunClientAsync("58.240.57.100", 2500, "UP", 20);

        Assert.Equal("432000003", steps["precheck"].GetProperty("band_id").GetString());
        Assert.True(steps["start"].GetProperty("success").GetBoolean());
        Assert.Equal(20, steps["status-active"].GetProperty("upload").GetProperty("target_bandwidth_mbps").GetInt32());
        Assert.Equal("ENDED", steps["status-ended"].GetProperty("upload").GetProperty("state").GetString());
        Assert.Equal(8000, await DeviceViews.SnmpGetAsync(networks, 5, 432000003));
    }

    [Fact]
    public async Task NodeClient_WithInjectedAddress_SeesInvalidParametersProductCode()
    {
        var (exitCode, output, _) = await RunNodeAsync("202.101.172.35\nquit", 0, "DOWN", 100);

        Assert.Equal(1, exitCode);
        var error = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(3, error.GetProperty("code").GetInt32()); // INVALID_ARGUMENT
        Assert.Equal("isv.INVALID_PARAMETERS", error.GetProperty("productCode").GetString());
    }

    [Fact]
    public async Task NodeClient_WithWrongSecret_FailsUnauthenticated()
    {
        var (exitCode, output, _) = await RunNodeAsync("202.101.172.35", 0, "DOWN", 100,
            _service.CustomerKey with { AccessKeySecret = "not-the-secret-of-demo-key" });

        Assert.Equal(1, exitCode);
        var error = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(16, error.GetProperty("code").GetInt32()); // UNAUTHENTICATED
        Assert.Contains("signature does not match", error.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, JsonElement>> RunClientAsync(string ip, int port, string direction, int mbps)
    {
        var (exitCode, output, error) = await RunNodeAsync(ip, port, direction, mbps);
        Assert.True(exitCode == 0, "node client failed:\n" + output + error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("step").GetString()!, e => e);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunNodeAsync(
        string ip, int port, string direction, int mbps, Signing.AccessKeyCredentials? credentials = null)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "clients", "speedup-client.mjs");
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Root, "tests", "clients", "node_modules", "@grpc", "grpc-js")),
            "tests/clients/node_modules is missing: run scripts/setup.sh first.");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, $"127.0.0.1:{_service.Port}", ip, port.ToString(System.Globalization.CultureInfo.InvariantCulture), direction, mbps.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var key = credentials ?? _service.CustomerKey;
        info.Environment["SPEEDUP_ACCESS_KEY_ID"] = key.AccessKeyId;
        info.Environment["SPEEDUP_ACCESS_KEY_SECRET"] = key.AccessKeySecret;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, error);
    }
}
