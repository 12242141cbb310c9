using SpeedUp.Admin.Cli.Tests.Support;

namespace SpeedUp.Admin.Cli.Tests.Credentials;

/// <summary>
/// Where the tool takes its key from, and what it refuses before any call: a secret on the command line, a profile
/// other users may read, no key at all. None of these runs reaches a service (<see cref="CliRunner.Offline"/>).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialTests
{
    private const string Secret = "s3cr3t-for-the-cli-tests-0123456789abcdef";

    [Theory]
    [InlineData("--secret", "abc")]
    [InlineData("--access-key-secret=abc")]
    [InlineData("--Password", "abc")]
    public async Task SecretOption_OnTheCommandLine_IsRefusedBeforeAnything(params string[] secretArgs)
    {
        using var cli = CliRunner.Offline();

        var result = await cli.RunAsync(["keys", "list", .. secretArgs]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a secret is never taken on the command line", result.Error, StringComparison.Ordinal);
        Assert.Contains("SPEEDUP_ADMIN_KEY_SECRET", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Addresses);
    }

    [Fact]
    public async Task SecretValue_AmongTheArguments_IsRefusedAndNotEchoed()
    {
        using var cli = CliRunner.Offline();
        cli.UseKey("ops-1", Secret);

        var result = await cli.RunAsync("keys", "create", "--action", "*", "--description", Secret);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("an argument holds the access key secret", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error + result.Out, StringComparison.Ordinal);
        Assert.Empty(cli.Addresses);
    }

    [Fact]
    public async Task NoKey_IsRefusedNamingWhereOneGoes()
    {
        using var cli = CliRunner.Offline();

        var result = await cli.RunAsync("channels", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no access key: set SPEEDUP_ADMIN_KEY_ID", result.Error, StringComparison.Ordinal);
        Assert.Contains("--profile PATH", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyIdWithoutSecret_IsRefusedNamingTheKey()
    {
        using var cli = CliRunner.Offline();
        cli.UseKey("ops-1", null);

        var result = await cli.RunAsync("channels", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no secret for the access key 'ops-1'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public async Task Profile_OpenToOtherUsers_IsRefusedNamingTheModeAndTheFix(UnixFileMode mode, string octal)
    {
        using var cli = CliRunner.Offline();
        var path = Path.Combine(cli.Home, "ops.json");
        await File.WriteAllTextAsync(path, $$"""{"accessKeyId": "ops-1", "accessKeySecret": "{{Secret}}"}""", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, mode);

        var result = await cli.RunAsync("channels", "list", "--profile", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the profile {path} is open to other users (mode {octal})", result.Error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Addresses);
    }

    [Fact]
    public async Task DefaultProfile_OpenToOtherUsers_IsRefusedToo()
    {
        using var cli = CliRunner.Offline();
        var path = Path.Combine(cli.Home, ".config", "speedup", "profile.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, $$"""{"accessKeyId": "ops-1", "accessKeySecret": "{{Secret}}"}""", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await cli.RunAsync("keys", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is open to other users (mode 0604)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedProfile_Missing_OrNotJson_IsRefused()
    {
        using var cli = CliRunner.Offline();
        var missing = await cli.RunAsync("keys", "list", "--profile", Path.Combine(cli.Home, "nope.json"));
        var path = Path.Combine(cli.Home, "bad.json");
        await File.WriteAllTextAsync(path, $"accessKeySecret={Secret}", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var garbled = await cli.RunAsync("keys", "list", "--profile", path);

        Assert.Equal((2, 2), (missing.ExitCode, garbled.ExitCode));
        Assert.Contains("nope.json does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("is not a JSON object of accessKeyId, accessKeySecret and address", garbled.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, garbled.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_ThatIsNotHttp_IsRefused()
    {
        using var cli = CliRunner.Offline();
        cli.UseKey("ops-1", Secret);

        var result = await cli.RunAsync("channels", "list", "--address", "ftp://127.0.0.1:50051");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must be http://HOST:PORT or https://HOST:PORT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        using var cli = CliRunner.Offline();

        var result = await cli.RunAsync("keys", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("See speedup-admin --help.", result.Error, StringComparison.Ordinal);
    }
}
