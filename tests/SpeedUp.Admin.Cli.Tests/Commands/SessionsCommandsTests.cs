using System.Globalization;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Commands;

/// <summary>
/// A full speed-up driven from the tool: it provisions a customer and its key, the customer speeds a simulated line up
/// through the customer API, and <c>sessions list|show|stop</c> find the session and stop it — the line is back at its
/// plan on the simulated BRAS and the customer sees the operator's stop. Then the key is disabled and refused.
/// </summary>
[Collection(CliHostCollection.Name)]
public sealed class SessionsCommandsTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps
    private const string Account = "zj0571a0002";

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-sessions-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task FullSpeedUp_ProvisionedByTheCli_ListedShownAndStoppedByTheCli_RestoresTheLine()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);
        try
        {
            Assert.Equal(0, (await cli.RunAsync("customers", "create", "acme", "--name", "Acme", "--balance", "10000.00")).ExitCode);
            var created = await cli.RunAsync("keys", "create", "--customer", "acme", "--action", "SpeedUpService/*", "-o", "json");
            var key = new AccessKeyCredentials(created.Json.GetProperty("key").GetProperty("accessKeyId").GetString()!,
                created.Json.GetProperty("accessKeySecret").GetString()!);
            SecretScan.Register(key.AccessKeySecret);
            var customer = service.ClientAs(key);
            var original = DeviceViews.ReadOverSsh(networks, Account).Up;

            var bandId = (await customer.PrecheckAsync(new PrecheckRequest { IpAddress = Address })).BandId;
            await customer.OrderThirtyDayPackAsync(bandId, Direction.Up, 20);
            var started = await customer.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20, Scene = "gaming",
            });
            Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, Account).Up);
            var sessionId = started.Status.SessionId;

            var table = await cli.RunAsync("sessions", "list", "--customer", "acme");
            Assert.True(table.ExitCode == 0, table.ToString());
            var row = Assert.Single(table.Out.Split('\n'), l => l.StartsWith(sessionId, StringComparison.Ordinal));
            Assert.Matches($@"^{sessionId}\s+acme\s+{bandId}\s+{Address.Replace(".", @"\.", StringComparison.Ordinal)}\s+UP\s+ACTIVE\s+20 Mbps\s+", row);
            var json = await cli.RunAsync("sessions", "list", "--ip", Address, "--band-id", bandId.ToString(CultureInfo.InvariantCulture), "-o", "json");
            Assert.Equal([sessionId], json.Json.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("sessionId").GetString()));
            Assert.Empty((await cli.RunAsync("sessions", "list", "--customer", "demo", "-o", "json")).Json.GetProperty("sessions").EnumerateArray());

            var shown = await cli.RunAsync("sessions", "show", sessionId, "-o", "json");
            Assert.Equal(("acme", Account, "ACTIVE", "gaming", "20000", original.ToString(CultureInfo.InvariantCulture)),
                (shown.Json.GetProperty("customerId").GetString(), shown.Json.GetProperty("account").GetString(), shown.Json.GetProperty("state").GetString(),
                    shown.Json.GetProperty("scene").GetString(), shown.Json.GetProperty("targetKbps").GetString(),
                    shown.Json.GetProperty("originalKbps").GetString()));

            var stopped = await cli.RunAsync("sessions", "stop", sessionId, "--reason", "customer complaint 4711");
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
            Assert.Matches(@"(?m)^state:\s+ENDED$", stopped.Out);
            Assert.Matches(@"(?m)^end reason:\s+STOPPED_BY_OPERATOR$", stopped.Out);
            Assert.Equal(original, DeviceViews.ReadOverSsh(networks, Account).Up);
            var status = await customer.QueryStatusAsync(new QueryStatusRequest { BandId = bandId });
            Assert.Equal((SessionState.Ended, EndReason.StoppedByOperator), (status.Upload.State, status.Upload.EndReason));
            Assert.Contains($"Operator key {service.OperatorKey.AccessKeyId} stops session {sessionId} (customer acme, band {bandId} Up): customer complaint 4711",
                service.Output, StringComparison.Ordinal);
            Assert.Empty((await cli.RunAsync("sessions", "list", "-o", "json")).Json.GetProperty("sessions").EnumerateArray());

            var again = await cli.RunAsync("sessions", "stop", sessionId);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("has already ended", again.Error, StringComparison.Ordinal);
            Assert.Contains("status FAILED_PRECONDITION", again.Error, StringComparison.Ordinal);

            var balance = await cli.RunAsync("customers", "show", "acme", "-o", "json");
            Assert.True(decimal.Parse(balance.Json.GetProperty("frozen").GetString()!, CultureInfo.InvariantCulture) > 0);

            Assert.Equal(0, (await cli.RunAsync("keys", "disable", key.AccessKeyId)).ExitCode);
            await ProductError.AssertFailsAsync(() => customer.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }),
                "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task SessionsShow_OfAnUnknownId_NamesTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var result = await cli.RunAsync("sessions", "show", "0123456789abcdef", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(("NOT_FOUND", "isv.INVALID_PARAMETERS", "SessionAdmin/GetSession"),
            (result.ErrorJson.GetProperty("status").GetString(), result.ErrorJson.GetProperty("productCode").GetString(),
                result.ErrorJson.GetProperty("action").GetString()));
    }
}
