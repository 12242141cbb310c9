using System.Globalization;
using System.Text.Json;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The admin tool as an operator runs it — <c>speedup-admin</c> as its own process, signing with the key from its
/// environment, against the service as its own process: it provisions a customer and its key, the customer speeds a
/// simulated line up, the tool finds and stops the session (the line is back at its plan), rotates and disables the key.
/// (Every command in process, with more cases: tests/SpeedUp.Admin.Cli.Tests.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class AdminCliEndToEndTests(SimulatedNetworks networks) : IDisposable
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps
    private const string Account = "zj0571a0002";

    private readonly string _home = Directory.CreateTempSubdirectory("speedup-admin-e2e-").FullName;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminTool_DrivesASpeedUpAndTheKeyLifecycle()
    {
        await using var service = await ServiceProcess.StartAsync(networks, Path.Combine(Path.GetTempPath(), $"speedup-admin-e2e-{Guid.NewGuid():N}.db"), cancellationToken: Ct);
        try
        {
            var admin = new Dictionary<string, string?>
            {
                ["SPEEDUP_ADMIN_KEY_ID"] = service.OperatorKey.AccessKeyId, ["SPEEDUP_ADMIN_KEY_SECRET"] = service.OperatorKey.AccessKeySecret,
            };
            var address = service.Address.ToString();

            Assert.Equal(0, (await RunAsync(admin, "customers", "create", "acme", "--name", "Acme", "--balance", "10000.00", "--address", address)).Code);
            var created = Json(await RunAsync(admin, "keys", "create", "--customer", "acme", "--action", "SpeedUpService/*", "--address", address, "-o", "json"));
            var key = new AccessKeyCredentials(created.GetProperty("key").GetProperty("accessKeyId").GetString()!, created.GetProperty("accessKeySecret").GetString()!);
            SecretScan.Register(key.AccessKeySecret);

            var customer = service.ClientAs(key);
            var original = DeviceViews.ReadOverSsh(networks, Account).Up;
            var bandId = (await customer.PrecheckAsync(new PrecheckRequest { IpAddress = Address }, cancellationToken: Ct)).BandId;
            await customer.OrderThirtyDayPackAsync(bandId, Direction.Up, 20, cancellationToken: Ct);
            var started = await customer.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20,
            }, cancellationToken: Ct);
            Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, Account).Up);

            var listed = Json(await RunAsync(admin, "sessions", "list", "--band-id", bandId.ToString(CultureInfo.InvariantCulture), "--address", address, "-o", "json"));
            Assert.Equal([started.Status.SessionId], listed.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("sessionId").GetString()));
            var stopped = await RunAsync(admin, "sessions", "stop", started.Status.SessionId, "--reason", "end-to-end", "--address", address);
            Assert.True(stopped.Code == 0, stopped.Error);
            Assert.Contains("STOPPED_BY_OPERATOR", stopped.Output, StringComparison.Ordinal);
            Assert.Equal(original, DeviceViews.ReadOverSsh(networks, Account).Up);

            var rotated = Json(await RunAsync(admin, "keys", "rotate", key.AccessKeyId, "--address", address, "-o", "json"));
            var rotatedKey = new AccessKeyCredentials(key.AccessKeyId, rotated.GetProperty("accessKeySecret").GetString()!);
            SecretScan.Register(rotatedKey.AccessKeySecret);
            await ProductError.AssertFailsAsync(() => customer.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct),
                "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
            var status = await service.ClientAs(rotatedKey).QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct);
            Assert.Equal(EndReason.StoppedByOperator, status.Upload.EndReason);

            Assert.Equal(0, (await RunAsync(admin, "keys", "disable", key.AccessKeyId, "--address", address)).Code);
            await ProductError.AssertFailsAsync(() => service.ClientAs(rotatedKey).QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, cancellationToken: Ct),
                "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);

            // The disabled key, used by the tool, is refused by name; a secret on its command line never leaves it.
            var refused = await RunAsync(new Dictionary<string, string?> { ["SPEEDUP_ADMIN_KEY_ID"] = key.AccessKeyId, ["SPEEDUP_ADMIN_KEY_SECRET"] = rotatedKey.AccessKeySecret },
                "channels", "list", "--address", address);
            Assert.Equal(1, refused.Code);
            Assert.Contains($"the access key '{key.AccessKeyId}' was not accepted: [isp.RAM_PERMISSION_DENY]", refused.Error, StringComparison.Ordinal);
            var onCommandLine = await RunAsync(new Dictionary<string, string?>(), "channels", "list", "--secret", "x", "--address", address);
            Assert.Equal(2, onCommandLine.Code);
            Assert.Contains("a secret is never taken on the command line", onCommandLine.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(service.OperatorKey.AccessKeySecret, stopped.Output + stopped.Error + refused.Output + refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        AdminCliCommand.RunAsync(args, environment, _home, Ct);

    private static JsonElement Json((int Code, string Output, string Error) run)
    {
        Assert.True(run.Code == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }
}
