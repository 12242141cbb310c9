using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using SpeedUp.Signing;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// Signed calls against the service (in process, on a fake clock): every flaw of a signature is UNAUTHENTICATED with a
/// clear message, the skew window moves with the service's clock, replays are refused, grants and subscriptions are
/// enforced, keys are managed (and audited) through the admin API. (Across a restart: tests/SpeedUp.EndToEndTests.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SignedCallTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-signed-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await InProcessService.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private SpeedUpService.SpeedUpServiceClient Unsigned => new(_service.Channel);

    private Metadata Headers(AccessKeyCredentials? key = null, string path = SignedCallProbe.QueryStatusPath, IMessage? request = null, DateTimeOffset? at = null, string? nonce = null) =>
        SignedCallProbe.Headers(key ?? _service.CustomerKey, at ?? _service.Time.GetUtcNow(), path, request, nonce);

    private static Metadata With(Metadata headers, string name, string value) => SignedCallProbe.With(headers, name, value);

    private Task AssertUnauthenticatedAsync(Metadata headers, string reason, QueryStatusRequest? request = null) =>
        SignedCallProbe.AssertUnauthenticatedAsync(_service, headers, reason, request);

    [Fact]
    public async Task Call_Unsigned_FailsUnauthenticatedButHealthStaysOpen()
    {
        await AssertUnauthenticatedAsync(new Metadata(), "not signed");
        await ProductError.AssertFailsAsync(() => new CustomerAdmin.CustomerAdminClient(_service.Channel).GetCustomerAsync(new GetCustomerRequest { Id = "demo" }),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);

        var health = await new global::Grpc.Health.V1.Health.HealthClient(_service.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Ct);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, Headers(), cancellationToken: Ct)); // the same call, signed
    }

    [Fact]
    public async Task Call_WithAnyFlawInItsSignature_FailsUnauthenticatedWithClearMessage()
    {
        var now = _service.Time.GetUtcNow();
        await AssertUnauthenticatedAsync(Headers(_service.CustomerKey with { AccessKeySecret = "a-wrong-secret-value" }), "signature does not match");
        await AssertUnauthenticatedAsync(Headers(new AccessKeyCredentials("AKNOSUCHKEY000", "whatever-secret")), "The access key 'AKNOSUCHKEY000' is unknown or disabled.");
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

        var withinWindow = await Unsigned.QueryStatusAsync(SignedCallProbe.Query, Headers(at: now.AddMinutes(-4)), cancellationToken: Ct);
        Assert.NotNull(withinWindow);
        Assert.DoesNotContain(_service.CustomerKey.AccessKeySecret, _service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_SignedBeforeTheClockMovedPastTheSkewWindow_FailsUnauthenticated()
    {
        var signedNow = Headers();
        var alsoSignedNow = Headers();
        _service.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)); // within SpeedUp:Security:ClockSkew (signatures hold whole seconds)
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, signedNow, cancellationToken: Ct));

        _service.Time.Advance(TimeSpan.FromSeconds(2));
        await AssertUnauthenticatedAsync(alsoSignedNow, "more than 300 s from the service's clock");
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, Headers(), cancellationToken: Ct)); // signed at the service's time
    }

    [Fact]
    public async Task Call_Replayed_FailsUnauthenticated()
    {
        var headers = Headers();
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, headers, cancellationToken: Ct));

        await AssertUnauthenticatedAsync(headers, "nonce was already used");
        Assert.NotNull(await Unsigned.QueryStatusAsync(SignedCallProbe.Query, Headers(), cancellationToken: Ct)); // a fresh nonce is fine
    }

    [Fact]
    public async Task Call_OutsideKeyGrantsOrOfUnsubscribedCustomer_FailsWithPermissionDenied()
    {
        var precheckOnly = await _service.CreateKeyAsync("demo", "SpeedUpService/Precheck");
        var client = _service.ClientAs(precheckOnly);

        Assert.Equal("OK", (await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct)).Code);
        var denied = await ProductError.AssertFailsAsync(() => client.QueryStatusAsync(SignedCallProbe.Query), "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        Assert.Contains("may not call SpeedUpService/QueryStatus", denied.Status.Detail, StringComparison.Ordinal);
        await ProductError.AssertFailsAsync(
            () => new AccessKeyAdmin.AccessKeyAdminClient(_service.SignedBy(_service.CustomerKey)).ListAccessKeysAsync(new ListAccessKeysRequest()),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(
            () => _service.Keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = "demo", Actions = { "AccessKeyAdmin/*" } }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "dave", Name = "Dave", Subscribed = false }, cancellationToken: Ct);
        var dave = _service.ClientAs(await _service.CreateKeyAsync("dave"));
        await ProductError.AssertFailsAsync(() => dave.QueryStatusAsync(SignedCallProbe.Query), "isv.PRODUCT_UNSUBSCRIBE", StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task AccessKeyAdmin_DisableRotateDelete_TakeEffectAndAreAudited()
    {
        var key = await _service.CreateKeyAsync("demo");
        var client = _service.ClientAs(key);
        Assert.NotNull(await client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));

        await _service.Keys.DisableAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        await AssertUnauthenticatedAsync(Headers(key), $"The access key '{key.AccessKeyId}' is unknown or disabled."); // as an unknown key: ids cannot be probed
        await _service.Keys.EnableAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        Assert.NotNull(await client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));

        var graced = await _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId, PreviousValidSeconds = 600 }, cancellationToken: Ct);
        SecretScan.Register(graced.AccessKeySecret);
        var second = new AccessKeyCredentials(key.AccessKeyId, graced.AccessKeySecret);
        Assert.NotNull(await client.QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct)); // the previous secret, within its grace
        Assert.NotNull(await _service.ClientAs(second).QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));
        var immediate = await _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        SecretScan.Register(immediate.AccessKeySecret);
        await AssertUnauthenticatedAsync(Headers(key), "signature does not match");
        await AssertUnauthenticatedAsync(Headers(second), "signature does not match");
        var third = new AccessKeyCredentials(key.AccessKeyId, immediate.AccessKeySecret);
        Assert.NotNull(await _service.ClientAs(third).QueryStatusAsync(SignedCallProbe.Query, cancellationToken: Ct));
        await ProductError.AssertFailsAsync(
            () => _service.Keys.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = key.AccessKeyId, PreviousValidSeconds = -1 }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

        await _service.Keys.DeleteAccessKeyAsync(new AccessKeyRef { AccessKeyId = key.AccessKeyId }, cancellationToken: Ct);
        await AssertUnauthenticatedAsync(Headers(third), $"The access key '{key.AccessKeyId}' is unknown or disabled.");
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
    public async Task AccessKeyAdmin_AKeyGrantedOneAdminAction_CannotEscalateOverTheApi()
    {
        var creator = await _service.CreateKeyAsync("", "AccessKeyAdmin/CreateAccessKey");
        var rotator = await _service.CreateKeyAsync("", "AccessKeyAdmin/RotateAccessKey");
        var asCreator = new AccessKeyAdmin.AccessKeyAdminClient(_service.SignedBy(creator));
        var asRotator = new AccessKeyAdmin.AccessKeyAdminClient(_service.SignedBy(rotator));

        // Minting a '*' key, or a key with an action the creator lacks, for an operator or a customer: refused.
        foreach (var (customer, action) in new[] { ("", "*"), ("", "AccessKeyAdmin/*"), ("", "CustomerAdmin/TopUpBalance"), ("demo", "SpeedUpService/*") })
        {
            await ProductError.AssertFailsAsync(
                () => asCreator.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = customer, Actions = { action } }),
                "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        }

        // A key it holds every action of may be minted.
        var minted = await asCreator.CreateAccessKeyAsync(new CreateAccessKeyRequest { Actions = { "AccessKeyAdmin/CreateAccessKey" } }, cancellationToken: Ct);
        SecretScan.Register(minted.AccessKeySecret);

        // Rotating the bootstrap '*' key (and so receiving its secret), or a key with another action: refused.
        foreach (var target in new[] { _service.OperatorKey.AccessKeyId, creator.AccessKeyId })
        {
            await ProductError.AssertFailsAsync(
                () => asRotator.RotateAccessKeyAsync(new RotateAccessKeyRequest { AccessKeyId = target }),
                "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        }

        // The operator key still signs with its old secret: nothing was rotated.
        Assert.NotNull(await _service.Keys.ListAccessKeysAsync(new ListAccessKeysRequest(), cancellationToken: Ct));
        var audit = await _service.Keys.ListAuditEntriesAsync(new ListAuditEntriesRequest(), cancellationToken: Ct);
        Assert.Equal(4, audit.Entries.Count(e => e.Action == "refused-create" && e.Actor == creator.AccessKeyId));
        Assert.Equal(2, audit.Entries.Count(e => e.Action == "refused-rotate" && e.Actor == rotator.AccessKeyId));
    }

    [Fact]
    public void RequestSignature_OfReadmeWorkedExample_IsTheDocumentedSignature()
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
