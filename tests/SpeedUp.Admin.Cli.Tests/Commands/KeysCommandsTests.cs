using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Commands;

/// <summary>
/// <c>keys create|list|rotate|disable|enable|audit</c> against the service in process: the whole life of a customer key,
/// each step checked by a call signed with that key; refusals name the key and the action.
/// </summary>
[Collection(CliHostCollection.Name)]
public sealed class KeysCommandsTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-keys-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task KeyLifecycle_CreateListRotateDisableEnable_EachStepHoldsForCallsSignedByTheKey()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var created = await cli.RunAsync("keys", "create", "--customer", "demo", "--action", "SpeedUpService/Precheck", "--action", "SpeedUpService/QueryStatus",
            "--description", "partner portal", "--output", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var keyId = created.Json.GetProperty("key").GetProperty("accessKeyId").GetString()!;
        var first = Register(created.Json.GetProperty("accessKeySecret").GetString()!);
        Assert.Equal(["SpeedUpService/Precheck", "SpeedUpService/QueryStatus"],
            created.Json.GetProperty("key").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        await AssertAcceptedAsync(service, keyId, first);

        var listed = await cli.RunAsync("keys", "list", "--customer", "demo");
        Assert.Equal(0, listed.ExitCode);
        var row = Assert.Single(listed.Out.Split('\n'), line => line.StartsWith(keyId, StringComparison.Ordinal));
        Assert.Contains("demo", row, StringComparison.Ordinal);
        Assert.Contains("yes", row, StringComparison.Ordinal);
        Assert.Contains("SpeedUpService/Precheck,SpeedUpService/QueryStatus", row, StringComparison.Ordinal);
        Assert.DoesNotContain(first, listed.Out, StringComparison.Ordinal);

        var rotated = await cli.RunAsync("keys", "rotate", keyId);
        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("The secret is shown once", rotated.Out, StringComparison.Ordinal);
        var second = Register(rotated.Out.Split('\n').Single(l => l.StartsWith("secret:", StringComparison.Ordinal))["secret:".Length..].Trim());
        Assert.NotEqual(first, second);
        await AssertRefusedAsync(service, keyId, first);
        await AssertAcceptedAsync(service, keyId, second);

        var disabled = await cli.RunAsync("keys", "disable", keyId, "-o", "json");
        Assert.Equal(0, disabled.ExitCode);
        Assert.False(disabled.Json.GetProperty("enabled").GetBoolean());
        await AssertRefusedAsync(service, keyId, second);
        Assert.Contains("no", (await cli.RunAsync("keys", "list", "--customer", "demo")).Out.Split('\n').Single(l => l.StartsWith(keyId, StringComparison.Ordinal)),
            StringComparison.Ordinal);

        Assert.Equal(0, (await cli.RunAsync("keys", "enable", keyId)).ExitCode);
        await AssertAcceptedAsync(service, keyId, second);

        var audit = await cli.RunAsync("keys", "audit", "--key", keyId, "-o", "json");
        Assert.Equal(["enable", "disable", "rotate", "create"],
            audit.Json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit.Json.GetProperty("entries").EnumerateArray(), e => Assert.Equal(service.OperatorKey.AccessKeyId, e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task UnknownKey_IsReportedNamingTheKeyAndTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);
        cli.UseKey("no-such-key", "a-secret-the-service-never-issued-0123456789");

        var text = await cli.RunAsync("keys", "list");
        var json = await cli.RunAsync("keys", "list", "--output", "json");

        Assert.Equal((1, 1), (text.ExitCode, json.ExitCode));
        Assert.Contains("the access key 'no-such-key' was not accepted: [isp.RAM_PERMISSION_DENY] The access key 'no-such-key' is unknown or disabled.",
            text.Error, StringComparison.Ordinal);
        Assert.Contains("status UNAUTHENTICATED", text.Error, StringComparison.Ordinal);
        Assert.Equal(("no-such-key", "UNAUTHENTICATED", "isp.RAM_PERMISSION_DENY", "AccessKeyAdmin/ListAccessKeys"),
            (json.ErrorJson.GetProperty("accessKeyId").GetString(), json.ErrorJson.GetProperty("status").GetString(),
                json.ErrorJson.GetProperty("productCode").GetString(), json.ErrorJson.GetProperty("action").GetString()));
        Assert.False(string.IsNullOrEmpty(json.ErrorJson.GetProperty("requestId").GetString()));
        Assert.Empty(json.Out);
    }

    [Fact]
    public async Task KeyWithoutTheGrant_IsReportedNamingTheKeyAndThePermission()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);
        var created = await cli.RunAsync("keys", "create", "--action", "ChannelAdmin/ListChannels", "-o", "json");
        var keyId = created.Json.GetProperty("key").GetProperty("accessKeyId").GetString()!;
        cli.UseKey(keyId, Register(created.Json.GetProperty("accessKeySecret").GetString()!));

        Assert.Equal(0, (await cli.RunAsync("channels", "list")).ExitCode);
        var denied = await cli.RunAsync("sessions", "stop", "0123456789abcdef");

        Assert.Equal(1, denied.ExitCode);
        Assert.Contains($"the access key '{keyId}' is not granted SessionAdmin/StopSession: [isp.RAM_PERMISSION_DENY]", denied.Error, StringComparison.Ordinal);
        Assert.Contains("status PERMISSION_DENIED", denied.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ACustomerKeyWithOperatorActions_IsRefusedWithTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var refused = await cli.RunAsync("keys", "create", "--customer", "demo", "--action", "SessionAdmin/*", "-o", "json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("isv.INVALID_PARAMETERS", refused.ErrorJson.GetProperty("productCode").GetString());
        Assert.Contains("operator actions", refused.ErrorJson.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Register(string secret)
    {
        SecretScan.Register(secret);
        return secret;
    }

    private static async Task AssertAcceptedAsync(InProcessService service, string keyId, string secret)
    {
        var precheck = await service.ClientAs(new AccessKeyCredentials(keyId, secret)).PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" });
        Assert.True(precheck.BandId > 0);
    }

    private static async Task AssertRefusedAsync(InProcessService service, string keyId, string secret) =>
        await ProductError.AssertFailsAsync(
            () => service.ClientAs(new AccessKeyCredentials(keyId, secret)).PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
}
