using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.IntegrationTests;

/// <summary>
/// Signed calls against the service process: every flaw of a signature is UNAUTHENTICATED with a clear message,
/// replays are refused (also after a restart), grants and subscriptions are enforced, keys are managed (and audited) through the admin API,
/// and secrets are encrypted at rest and survive a restart.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignedCallTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string QueryStatusPath = "/broadband.speedup.v1.SpeedUpService/QueryStatus";
    private static readonly QueryStatusRequest Query = new() { BandId = 330100001 };
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-signed-{Guid.NewGuid():N}.db");
    private ServiceProcess _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private SpeedUpService.SpeedUpServiceClient Unsigned => new(_service.Channel);

    private Metadata Headers(AccessKeyCredentials? key = null, string path = QueryStatusPath, IMessage? request = null, DateTimeOffset? at = null, string? nonce = null) =>
        SigningInterceptor.HeadersFor(key ?? _service.CustomerKey, path, request ?? Query, at ?? DateTimeOffset.UtcNow, nonce);

    private static Metadata With(Metadata headers, string name, string value)
    {
        var copy = new Metadata();
        foreach (var entry in headers.Where(e => e.Key != name))
        {
            copy.Add(entry);
        }

        copy.Add(name, value);
        return copy;
    }

    private async Task AssertUnauthenticatedAsync(Metadata headers, string reason, QueryStatusRequest? request = null)
    {
        var e = await ProductError.AssertFailsAsync(() => Unsigned.QueryStatusAsync(request ?? Query, headers),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
        Assert.Contains(reason, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_calls_are_refused_but_health_and_reflection_stay_open()
    {
        await AssertUnauthenticatedAsync(new Metadata(), "not signed");
        await ProductError.AssertFailsAsync(() => new CustomerAdmin.CustomerAdminClient(_service.Channel).GetCustomerAsync(new GetCustomerRequest { Id = "demo" }),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);

        var health = await new Grpc.Health.V1.Health.HealthClient(_service.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Ct);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, Headers(), cancellationToken: Ct)); // the same call, signed
    }

    [Fact]
    public async Task Every_flaw_of_a_signature_is_unauthenticated_with_a_clear_message()
    {
        var now = DateTimeOffset.UtcNow;
        await AssertUnauthenticatedAsync(Headers(_service.CustomerKey with { AccessKeySecret = "a-wrong-secret-value" }), "signature does not match");
        await AssertUnauthenticatedAsync(Headers(new AccessKeyCredentials("AKNOSUCHKEY000", "whatever-secret")), "Unknown access key 'AKNOSUCHKEY000'");
        await AssertUnauthenticatedAsync(Headers(), "signature does not match", new QueryStatusRequest { BandId = 330100002 }); // body tampered
        await AssertUnauthenticatedAsync(Headers(path: "/broadband.speedup.v1.SpeedUpService/Precheck"), "signature does not match"); // signed for another method
        await AssertUnauthenticatedAsync(Headers(at: now.AddMinutes(-6)), "more than 300 s from the service's clock");
        await AssertUnauthenticatedAsync(Headers(at: now.AddMinutes(6)), "more than 300 s from the service's clock");
        await AssertUnauthenticatedAsync(With(Headers(), SignatureHeaders.Timestamp, "17962872OO"), "Unix time in whole seconds");
        await AssertUnauthenticatedAsync(With(Headers(), SignatureHeaders.Timestamp, "-1"), "Unix time in whole seconds");
        await AssertUnauthenticatedAsync(Headers(nonce: "short"), "16..64 of [A-Za-z0-9_-]");
        await AssertUnauthenticatedAsync(With(Headers(), SignatureHeaders.AccessKeyId, "demo-key; reboot"), "malformed");
        await AssertUnauthenticatedAsync(With(Headers(), SignatureHeaders.Signature, new string('0', 64)), "signature does not match");
        await AssertUnauthenticatedAsync(With(Headers(), SignatureHeaders.Signature, "zz"), "signature does not match");

        var withinWindow = await Unsigned.QueryStatusAsync(Query, Headers(at: now.AddMinutes(-4)), cancellationToken: Ct);
        Assert.NotNull(withinWindow);
        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, _service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_call_is_refused()
    {
        var headers = Headers();
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, headers, cancellationToken: Ct));

        await AssertUnauthenticatedAsync(headers, "nonce was already used");
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, Headers(), cancellationToken: Ct)); // a fresh nonce is fine
    }

    [Fact]
    public async Task A_call_replayed_after_the_service_restarts_is_still_refused()
    {
        var key = await _service.CreateKeyAsync("demo"); // stored, so valid after the restart (the demo key's secret is not)
        var headers = Headers(key);
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, headers, cancellationToken: Ct));

        await _service.DisposeAsync();
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);

        await AssertUnauthenticatedAsync(headers, "nonce was already used"); // well within the 5-minute window
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, Headers(key), cancellationToken: Ct));
    }

    [Fact]
    public async Task A_nonce_store_that_cannot_be_opened_stops_the_service_at_start_up()
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
    public async Task Grants_limit_a_key_to_its_actions_and_an_unsubscribed_customer_is_refused()
    {
        var precheckOnly = await _service.CreateKeyAsync("demo", "SpeedUpService/Precheck");
        var client = _service.ClientAs(precheckOnly);

        Assert.Equal("OK", (await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct)).Code);
        var denied = await ProductError.AssertFailsAsync(() => client.QueryStatusAsync(Query), "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        Assert.Contains("may not call SpeedUpService/QueryStatus", denied.Status.Detail, StringComparison.Ordinal);
        await ProductError.AssertFailsAsync(
            () => new AccessKeyAdmin.AccessKeyAdminClient(_service.SignedBy(_service.CustomerKey)).ListAccessKeysAsync(new ListAccessKeysRequest()),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(
            () => _service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = "demo", Actions = { "AccessKeyAdmin/*" } }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "dave", Name = "Dave", Subscribed = false }, cancellationToken: Ct);
        var dave = _service.ClientAs(await _service.CreateKeyAsync("dave"));
        await ProductError.AssertFailsAsync(() => dave.QueryStatusAsync(Query), "isv.PRODUCT_UNSUBSCRIBE", StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Keys_are_disabled_rotated_and_deleted_through_the_audited_admin_api()
    {
        var key = await _service.CreateKeyAsync("demo");
        var client = _service.ClientAs(key);
        Assert.NotNull(await client.QueryStatusAsync(Query, cancellationToken: Ct));

        await _service.Keys.DisableAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        await AssertUnauthenticatedAsync(Headers(key), "is disabled");
        await _service.Keys.EnableAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        Assert.NotNull(await client.QueryStatusAsync(Query, cancellationToken: Ct));

        var graced = await _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId, PreviousValidSeconds = 600 }, cancellationToken: Ct);
        SecretScan.Register(graced.AccessKeySecret);
        var second = new AccessKeyCredentials(key.AccessKeyId, graced.AccessKeySecret);
        Assert.NotNull(await client.QueryStatusAsync(Query, cancellationToken: Ct)); // the previous secret, within its grace
        Assert.NotNull(await _service.ClientAs(second).QueryStatusAsync(Query, cancellationToken: Ct));
        var immediate = await _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        SecretScan.Register(immediate.AccessKeySecret);
        await AssertUnauthenticatedAsync(Headers(key), "signature does not match");
        await AssertUnauthenticatedAsync(Headers(second), "signature does not match");
        var third = new AccessKeyCredentials(key.AccessKeyId, immediate.AccessKeySecret);
        Assert.NotNull(await _service.ClientAs(third).QueryStatusAsync(Query, cancellationToken: Ct));
        await ProductError.AssertFailsAsync(
            () => _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId, PreviousValidSeconds = -1 }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

        await _service.Keys.DeleteAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        await AssertUnauthenticatedAsync(Headers(third), $"Unknown access key '{key.AccessKeyId}'");
        await ProductError.AssertFailsAsync(() => _service.Keys.DeleteAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }),
            "isv.INVALID_PARAMETERS", StatusCode.NotFound);

        var audit = await _service.Keys.ListAuditEntriesAsync(new ListAuditEntriesRequest { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        Assert.Equal(["delete", "rotate", "rotate", "enable", "disable", "create"], audit.Entries.Select(e => e.Action));
        Assert.All(audit.Entries, e => Assert.Equal("demo-operator", e.Actor));
        var listed = await _service.Keys.ListAccessKeysAsync(new ListAccessKeysRequest { CustomerId = "demo" }, cancellationToken: Ct);
        Assert.Contains(listed.Keys, k => k.AccessKeyId == "demo-key");
        Assert.DoesNotContain(listed.Keys, k => k.AccessKeyId == key.AccessKeyId);
        Assert.DoesNotContain(immediate.AccessKeySecret, listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_encrypted_at_rest_and_keys_survive_a_restart()
    {
        var key = await _service.CreateKeyAsync("demo");

        await _service.DisposeAsync();
        var stored = string.Concat(new[] { _database, _database + "-wal" }.Where(File.Exists).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(key.AccessKeyId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key.AccessKeySecret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, stored, StringComparison.Ordinal);

        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);
        Assert.NotNull(await _service.ClientAs(key).QueryStatusAsync(Query, cancellationToken: Ct));
    }

    [Fact]
    public async Task The_sign_command_makes_headers_grpcurl_can_send_and_never_takes_the_secret_as_an_argument()
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
        Assert.NotNull(await Unsigned.QueryStatusAsync(Query, headers, cancellationToken: Ct));
        await AssertUnauthenticatedAsync(headers, "nonce was already used"); // one use
    }

    [Fact]
    public void The_readme_worked_example_signs_to_the_documented_signature()
    {
        // Computed independently (Python hashlib/hmac over the hand-encoded message) and printed in README "Security".
        var request = new PrecheckRequest { IpAddress = "58.240.57.100", Port = 2500 };
        Assert.Equal("0a0d35382e3234302e35372e31303010c413", Convert.ToHexStringLower(request.ToByteArray()));
        var digest = RequestSignature.DigestOf(request);
        Assert.Equal("6e8e9976543836e5749e5258d14240426b77ee48365f3278f086085a4feb0436", digest);
        var toSign = RequestSignature.StringToSign("/broadband.speedup.v1.SpeedUpService/Precheck", "AKEXAMPLE0001", 1796287200, "q1w2e3r4t5y6u7i8o9p0aZ", digest);
        var signature = RequestSignature.Compute("example-secret-do-not-use-0123456789abcdef", toSign);

        Assert.Equal("66e6872b3b0dc6ffbb5f4ebde9e2bec1e196373ba3edfccf93bc27122c886784", signature);
        Assert.True(RequestSignature.Verify("example-secret-do-not-use-0123456789abcdef", toSign, signature));
        Assert.False(RequestSignature.Verify("example-secret-do-not-use-0123456789abcdeF", toSign, signature));
        Assert.False(RequestSignature.Verify("example-secret-do-not-use-0123456789abcdef", toSign, signature.ToUpperInvariant()[..62]));
    }
}
