using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// Signed calls across the service process's life: replays are refused also after a restart, secrets are encrypted at
/// rest and keys survive a restart, a nonce store that cannot be opened stops the process, and the <c>sign</c> command's
/// headers are accepted once. (Signature flaws, replays, grants, key management: tests/SpeedUp.Host.Tests/Security.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class SignedCallTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-signed-{Guid.NewGuid():N}.db");
    private ServiceProcess _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private SpeedUpService.SpeedUpServiceClient Unsigned => new(_service.Channel);

    private Metadata Headers(AccessKeyCredentials? key = null, string path = SignedCallProbe.QueryStatusPath, IMessage? request = null, DateTimeOffset? at = null, string? nonce = null) =>
        SignedCallProbe.Headers(key ?? _service.CustomerKey, at ?? DateTimeOffset.UtcNow, path, request, nonce);

    private static Metadata With(Metadata headers, string name, string value) => SignedCallProbe.With(headers, name, value);

    private Task AssertUnauthenticatedAsync(Metadata headers, string reason, QueryStatusRequest? request = null) =>
        SignedCallProbe.AssertUnauthenticatedAsync(_service, headers, reason, request);

    [Fact]
    public async Task Call_ReplayedAfterProcessRestart_FailsUnauthenticated()
    {
        var key = await _service.CreateKeyAsync("demo"); // stored, so valid after the restart (the demo key's secret is not)
        var headers = Headers(key);
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct));

        await _service.DisposeAsync();
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

        await AssertUnauthenticatedAsync(headers, "nonce was already used"); // well within the 5-minute window
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, Headers(key), cancellationToken: Ct));
    }

    [Fact]
    public async Task StartUp_WithNonceStoreThatCannotBeOpened_ExitsBeforeListening()
    {
        var notADirectory = _database + ".not-a-directory";
        await File.WriteAllTextAsync(notADirectory, "a file", Ct);
        var settings = new Dictionary<string, string> { ["SpeedUp:Storage:NonceSqlitePath"] = Path.Combine(notADirectory, "nonces.db") };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(networks.Simulators, _database + ".2", settings, Ct));

        Assert.Contains("exited before listening", e.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Storage:NonceSqlitePath", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", e.Message, StringComparison.Ordinal);
        File.Delete(notADirectory);
    }

    [Fact]
    public async Task StartUp_OnTheNonceFileOfARunningInstance_ExitsBeforeListening_AndTheFirstServesOn()
    {
        var nonceFile = Path.ChangeExtension(_database, ".nonces.db"); // beside the database, as the service derives it
        Assert.True(File.Exists(nonceFile), $"{nonceFile} is where the first instance keeps its nonces");
        var settings = new Dictionary<string, string> { ["SpeedUp:Storage:NonceSqlitePath"] = nonceFile };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(networks.Simulators, _database + ".2", settings, Ct));

        Assert.Contains("exited before listening", e.Message, StringComparison.Ordinal);
        Assert.Contains("another instance holds it", e.Message, StringComparison.Ordinal);
        Assert.NotNull(await _service.Client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));
    }

    [Fact]
    public async Task AccessKeys_AcrossProcessRestart_AreEncryptedAtRestAndStillValid()
    {
        var key = await _service.CreateKeyAsync("demo");

        await _service.DisposeAsync();
        var stored = string.Concat(new[] { _database, _database + "-wal" }.Where(File.Exists).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(key.AccessKeyId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key.AccessKeySecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, stored, StringComparison.Ordinal);

        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);
        Assert.NotNull(await _service.ClientAs(key).QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));
    }

    [Fact]
    public async Task SignCommand_WithSecretFromEnvironment_PrintsOneUseHeadersTheServiceAccepts()
    {
        var (code, output, _) = await HostCommand.RunAsync(
            ["sign", "--key-id", "demo-key", "--secret-env", "SIGN_TEST_SECRET",
                "--method", "broadband.speedup.v1.SpeedUpService/QueryStatus", "--json", "{\"bandId\":330100001}"],
            new Dictionary<string, string?> { ["SIGN_TEST_SECRET"] = _service.CustomerKey.AccessKeySecret }, Ct);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var headers = new Metadata();
        foreach (var line in lines)
        {
            var match = System.Text.RegularExpressions.Regex.Match(line.Trim(), "^-H '([a-z-]+): ([^']+)'$");
            Assert.True(match.Success, line);
            headers.Add(match.Groups[1].Value, match.Groups[2].Value);
        }

        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, output, StringComparison.Ordinal);
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct));
        await AssertUnauthenticatedAsync(headers, "nonce was already used"); // one use
    }

    [Fact]
    public async Task SignCommand_EnvFormatAndRequestFromStdin_KeepsHeadersOffEveryCommandLine()
    {
        var args = new[]
        {
            "sign", "--key-id", "demo-key", "--secret-env", "SIGN_TEST_SECRET",
            "--method", "broadband.speedup.v1.SpeedUpService/QueryStatus", "--json", "-", "--format", "env",
        };
        var (code, output, error) = await HostCommand.RunAsync(args,
            new Dictionary<string, string?> { ["SIGN_TEST_SECRET"] = _service.CustomerKey.AccessKeySecret }, "{\"bandId\":330100001}", Ct);

        Assert.True(code == 0, error);
        var headers = new Metadata();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // What grpcurl -expand-headers reads from the environment: -H 'x-speedup-nonce: ${SPEEDUP_NONCE}'.
            var match = System.Text.RegularExpressions.Regex.Match(line.Trim(), "^export SPEEDUP_([A-Z_]+)='([^']+)'$");
            Assert.True(match.Success, line);
            headers.Add("x-speedup-" + match.Groups[1].Value.ToLowerInvariant().Replace('_', '-'), match.Groups[2].Value);
        }

        Assert.Equal(["x-speedup-access-key-id", "x-speedup-nonce", "x-speedup-signature", "x-speedup-timestamp"],
            headers.Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(args, a => headers.Any(h => h.Value == a && h.Key != "x-speedup-access-key-id")); // nothing signed was an argument
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct)); // the body signed is the one from stdin
    }

}
