using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Credentials;

/// <summary>An owner-only profile file signs the calls (key, secret and address from it); the environment wins over it.</summary>
[Collection(CliHostCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProfileSigningTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-profile-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task OwnerOnlyProfile_SignsTheCallsAndNamesTheAddress()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);
        cli.Environment.Clear();
        var path = Path.Combine(cli.Home, ".config", "speedup", "profile.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, $$"""
            {"accessKeyId": "{{service.OperatorKey.AccessKeyId}}", "accessKeySecret": "{{service.OperatorKey.AccessKeySecret}}", "address": "http://127.0.0.1:6123"}
            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var listed = await cli.RunAsync("keys", "list", "-o", "json");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(listed.Json.GetProperty("keys").EnumerateArray(), k => k.GetProperty("accessKeyId").GetString() == service.OperatorKey.AccessKeyId);
        Assert.Equal([new Uri("http://127.0.0.1:6123")], cli.Addresses);

        // The environment's key wins over the profile's: an unknown one is refused, named.
        cli.UseKey("env-key", "a-secret-the-service-never-issued-0123456789");
        var refused = await cli.RunAsync("keys", "list", "--address", "http://127.0.0.1:6124");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the access key 'env-key' was not accepted", refused.Error, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://127.0.0.1:6124"), cli.Addresses[^1]);
    }
}
