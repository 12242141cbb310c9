using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Core.Access;
using SpeedUp.Core.Errors;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Core.Tests;

/// <summary>Access keys over a real SQLite file: grants, encryption at rest, rotation grace, disabling, deletion, audit.</summary>
public sealed class AccessKeyServiceTests : IDisposable
{
    private const string Operator = "AKOPERATOR";
    private static readonly ActionCatalogue Catalogue = new(
        ["/p.v1.SpeedUpService/Precheck", "/p.v1.SpeedUpService/QueryStatus"],
        ["/p.admin.v1.AccessKeyAdmin/CreateAccessKey", "/p.admin.v1.CustomerAdmin/GetCustomer"]);

    private readonly CoreHarness _h = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly AccessKeyService _keys;
    private readonly AesGcmSecretProtector _protector;
    private readonly string _masterKeyPath;

    public AccessKeyServiceTests()
    {
        _masterKeyPath = Path.Combine(Path.GetTempPath(), $"speedup-master-{Guid.NewGuid():N}.key");
        var options = Options.Create(new SecurityOptions { MasterKeyPath = _masterKeyPath });
        _protector = new AesGcmSecretProtector(new MasterKeySource(options));
        _keys = new AccessKeyService(Store, _h.CustomerStore, _protector, Catalogue, _time, NullLogger<AccessKeyService>.Instance);
        Given(Operator, "*");
        Given("AKSECOND", "*");
    }

    private SqliteAccessKeyStore Store => new(_h.Database);

    /// <summary>A key holding <paramref name="actions"/>, put straight into the store (audited by <c>setup</c>).</summary>
    private void Given(string id, params string[] actions) =>
        Store.CreateAsync(new StoredAccessKey(new AccessKey(id, null, actions, true, "", _time.GetUtcNow(), null), _protector.Protect(id, "x"), null, null),
            new AccessKeyAuditEntry(_time.GetUtcNow(), "setup", "create", id, ""), CancellationToken.None).GetAwaiter().GetResult();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _h.Dispose();
        File.Delete(_masterKeyPath);
    }

    [Fact]
    public async Task CreateAsync_NewKey_VerifiesWithItsSecretWhichIsStoredEncrypted()
    {
        var (key, secret) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/*"], "game backend", Ct);

        Assert.Matches("^AK[0-9A-F]{20}$", key.Id);
        Assert.True(secret.Length >= 43);
        var found = await _keys.FindForVerificationAsync(key.Id, Ct);
        Assert.Equal([secret], found!.Secrets);
        Assert.Equal((CoreHarness.Customer, true), (found.Key.CustomerId, found.Key.Enabled));

        await using var connection = await _h.Database.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret FROM access_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", key.Id);
        var stored = (byte[])(await command.ExecuteScalarAsync(Ct))!;
        Assert.DoesNotContain(secret, Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_masterKeyPath));
        }
    }

    [Fact]
    public void Unprotect_ProtectedSecret_OpensOnlyForItsOwnKeyIdAndMasterKey()
    {
        var protector = new AesGcmSecretProtector(new MasterKeySource(Options.Create(new SecurityOptions { MasterKeyPath = _masterKeyPath })));
        var blob = protector.Protect("AK1", "s3cret-value");

        Assert.Equal("s3cret-value", protector.Unprotect("AK1", blob));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("AK2", blob));
        var otherMaster = new AesGcmSecretProtector(new MasterKeySource(Options.Create(
            new SecurityOptions { MasterKeyPath = Path.Combine(Path.GetTempPath(), $"speedup-other-{Guid.NewGuid():N}.key") })));
        Assert.ThrowsAny<CryptographicException>(() => otherMaster.Unprotect("AK1", blob));
    }

    [Fact]
    public async Task CreateAsync_BadGrants_AreRefusedAndCustomerKeysCannotReachOperatorActions()
    {
        async Task<SpeedUpException> Refused(string? customer, params string[] actions) =>
            await Assert.ThrowsAsync<SpeedUpException>(() => _keys.CreateAsync(Operator, customer, actions, null, Ct));

        Assert.Contains("operator actions", (await Refused(CoreHarness.Customer, "CustomerAdmin/GetCustomer")).Message, StringComparison.Ordinal);
        Assert.Contains("operator actions", (await Refused(CoreHarness.Customer, "*")).Message, StringComparison.Ordinal);
        Assert.Contains("names no known action", (await Refused(CoreHarness.Customer, "SpeedUpService/Reboot")).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", (await Refused(CoreHarness.Customer)).Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.NotFound, (await Refused("nobody", "SpeedUpService/*")).Kind);
        Assert.Equal(ProductErrorCode.InvalidParameters, (await Refused("bad id;reboot", "SpeedUpService/*")).Code);

        var (operatorKey, _) = await _keys.CreateAsync(Operator, null, ["*"], "ops", Ct);
        Assert.Null(operatorKey.CustomerId);
        Assert.Single(await _keys.AuditAsync(Operator, null, 0, Ct), e => e.Actor == Operator); // only the successful creation is audited
    }

    [Fact]
    public void IsValidId_TrailingNewline_IsMalformed()
    {
        Assert.True(AccessKeyService.IsValidId("AK0123456789"));
        Assert.False(AccessKeyService.IsValidId("AK0123456789\n"));
        Assert.True(Customers.CustomerService.IsValidId("alice"));
        Assert.False(Customers.CustomerService.IsValidId("alice\n"));
    }

    [Fact]
    public void Allows_ActionGrant_MatchesExactServiceWideAndEverything()
    {
        Assert.Equal("SpeedUpService/Precheck", ActionCatalogue.ActionOf("/broadband.speedup.v1.SpeedUpService/Precheck"));
        Assert.True(ActionCatalogue.Allows(["SpeedUpService/Precheck"], "SpeedUpService/Precheck"));
        Assert.False(ActionCatalogue.Allows(["SpeedUpService/Precheck"], "SpeedUpService/QueryStatus"));
        Assert.True(ActionCatalogue.Allows(["SpeedUpService/*"], "SpeedUpService/QueryStatus"));
        Assert.False(ActionCatalogue.Allows(["SpeedUpService/*"], "CustomerAdmin/GetCustomer"));
        Assert.False(ActionCatalogue.Allows(["SpeedUp*"], "SpeedUpService/Precheck"));
        Assert.True(ActionCatalogue.Allows(["*"], "CustomerAdmin/GetCustomer"));
    }

    [Fact]
    public async Task RotateAsync_WithGracePeriod_ReplacesTheSecretKeepingThePreviousOneOnlyForTheGracePeriod()
    {
        var (key, first) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/Precheck"], null, Ct);

        var (_, second) = await _keys.RotateAsync(Operator, key.Id, TimeSpan.FromMinutes(10), Ct);
        Assert.Equal([second, first], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([second], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);

        var (rotated, third) = await _keys.RotateAsync(Operator, key.Id, TimeSpan.Zero, Ct);
        Assert.Equal([third], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);
        Assert.Equal(_time.GetUtcNow(), rotated.RotatedAt);
        await Assert.ThrowsAsync<SpeedUpException>(() => _keys.RotateAsync(Operator, key.Id, TimeSpan.FromDays(8), Ct));
    }

    [Fact]
    public async Task FindForVerificationAsync_ChangeByAnotherInstance_IsSeenWithinTheCacheTimeAndNotBefore()
    {
        var (key, secret) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/*"], null, Ct);
        Assert.True((await _keys.FindForVerificationAsync(key.Id, Ct))!.Key.Enabled);

        // Another instance sharing the store disables the key and rotates its secret: this one does not read the store again...
        await Store.SetEnabledAsync(key.Id, false, new AccessKeyAuditEntry(_time.GetUtcNow(), "other", "disable", key.Id, ""), Ct);
        await Store.ReplaceSecretAsync(key.Id, _protector.Protect(key.Id, "rotated elsewhere"), null, null, _time.GetUtcNow(),
            new AccessKeyAuditEntry(_time.GetUtcNow(), "other", "rotate", key.Id, ""), Ct);
        _time.Advance(AccessKeyService.VerificationCacheTime - TimeSpan.FromMilliseconds(1));
        var cached = await _keys.FindForVerificationAsync(key.Id, Ct);
        Assert.True(cached!.Key.Enabled);
        Assert.Equal([secret], cached.Secrets);

        // ...until the cache time has passed since it did.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = await _keys.FindForVerificationAsync(key.Id, Ct);
        Assert.False(fresh!.Key.Enabled);
        Assert.Equal(["rotated elsewhere"], fresh.Secrets);
        await Store.DeleteAsync(key.Id, new AccessKeyAuditEntry(_time.GetUtcNow(), "other", "delete", key.Id, ""), Ct);
        _time.Advance(AccessKeyService.VerificationCacheTime);
        Assert.Null(await _keys.FindForVerificationAsync(key.Id, Ct));
    }

    [Fact]
    public async Task FindForVerificationAsync_ChangesThroughThisInstance_AreSeenAtOnceDespiteTheCache()
    {
        var (key, first) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/*"], null, Ct);
        Assert.Equal([first], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);

        await _keys.SetEnabledAsync(Operator, key.Id, enabled: false, Ct);
        Assert.False((await _keys.FindForVerificationAsync(key.Id, Ct))!.Key.Enabled);
        await _keys.SetEnabledAsync(Operator, key.Id, enabled: true, Ct);
        Assert.True((await _keys.FindForVerificationAsync(key.Id, Ct))!.Key.Enabled);

        var (_, second) = await _keys.RotateAsync(Operator, key.Id, TimeSpan.Zero, Ct);
        Assert.Equal([second], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);

        await _keys.DeleteAsync(Operator, key.Id, Ct);
        Assert.Null(await _keys.FindForVerificationAsync(key.Id, Ct));
    }

    [Fact]
    public async Task FindForVerificationAsync_CachedDuringAGracePeriod_DropsThePreviousSecretWhenTheGraceEnds()
    {
        var (key, first) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/*"], null, Ct);
        var grace = AccessKeyService.VerificationCacheTime / 4;
        var (_, second) = await _keys.RotateAsync(Operator, key.Id, grace, Ct);

        Assert.Equal([second, first], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);
        _time.Advance(grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal([second, first], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([second], (await _keys.FindForVerificationAsync(key.Id, Ct))!.Secrets);
    }

    [Fact]
    public async Task SetEnabledAndDeleteAsync_KeyLifecycle_AreAuditedNamingWhoDidIt()
    {
        var (key, _) = await _keys.CreateAsync(Operator, CoreHarness.Customer, ["SpeedUpService/*"], null, Ct);

        Assert.False((await _keys.SetEnabledAsync("AKSECOND", key.Id, enabled: false, Ct)).Enabled);
        Assert.False((await _keys.FindForVerificationAsync(key.Id, Ct))!.Key.Enabled);
        Assert.True((await _keys.SetEnabledAsync(Operator, key.Id, enabled: true, Ct)).Enabled);
        await _keys.DeleteAsync(Operator, key.Id, Ct);
        Assert.Null(await _keys.FindForVerificationAsync(key.Id, Ct));
        var missing = await Assert.ThrowsAsync<SpeedUpException>(() => _keys.DeleteAsync(Operator, key.Id, Ct));
        Assert.Equal(FailureKind.NotFound, missing.Kind);

        var audit = await _keys.AuditAsync(Operator, key.Id, 0, Ct);
        Assert.Equal(["delete", "enable", "disable", "create"], audit.Select(e => e.Action));
        Assert.Equal([Operator, Operator, "AKSECOND", Operator], audit.Select(e => e.Actor));
        Assert.Contains("customer=c1 actions=SpeedUpService/*", audit[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_GrantsBeyondTheCallersOwn_AreRefusedAuditedAndCreateNothing()
    {
        Given("AKCREATOR", "AccessKeyAdmin/CreateAccessKey", "SpeedUpService/Precheck");

        foreach (var grants in (string[][])[["*"], ["AccessKeyAdmin/*"], ["CustomerAdmin/GetCustomer"], ["SpeedUpService/*"]])
        {
            var e = await Assert.ThrowsAsync<SpeedUpException>(() => _keys.CreateAsync("AKCREATOR", null, grants, null, Ct));
            Assert.Equal((ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied), (e.Code, e.Kind));
        }

        Assert.Equal(3, (await _keys.ListAsync(Operator, null, Ct)).Count); // the three given keys, nothing created
        Assert.Equal(4, (await _keys.AuditAsync(Operator, "AKCREATOR", 0, Ct)).Count(e => e.Action == "refused-create" && e.Actor == "AKCREATOR"));
        var (made, _) = await _keys.CreateAsync("AKCREATOR", null, ["SpeedUpService/Precheck", "AccessKeyAdmin/CreateAccessKey"], null, Ct); // its own grants
        Assert.True(made.Enabled);
    }

    [Fact]
    public async Task AdministeringAKeyWithMoreGrants_RotateDisableEnableDeleteReadList_IsRefusedAndChangesNothing()
    {
        Given("AKROTATOR", "AccessKeyAdmin/CreateAccessKey", "AccessKeyAdmin/*");
        Given("AKPEER", "AccessKeyAdmin/CreateAccessKey");
        var before = (await Store.FindAsync(Operator, Ct))!;

        async Task Denied(Func<Task> call) =>
            Assert.Equal(ProductErrorCode.PermissionDenied, (await Assert.ThrowsAsync<SpeedUpException>(call)).Code);

        await Denied(() => _keys.RotateAsync("AKROTATOR", Operator, TimeSpan.Zero, Ct));
        await Denied(() => _keys.SetEnabledAsync("AKROTATOR", Operator, enabled: false, Ct));
        await Denied(() => _keys.SetEnabledAsync("AKROTATOR", Operator, enabled: true, Ct));
        await Denied(() => _keys.DeleteAsync("AKROTATOR", Operator, Ct));
        await Denied(() => _keys.AuditAsync("AKROTATOR", Operator, 0, Ct));

        var after = (await Store.FindAsync(Operator, Ct))!;
        Assert.Equal((before.Key.Enabled, before.Key.RotatedAt), (after.Key.Enabled, after.Key.RotatedAt));
        Assert.Equal(before.ProtectedSecret, after.ProtectedSecret);
        Assert.Equal(["AKPEER", "AKROTATOR"], (await _keys.ListAsync("AKROTATOR", null, Ct)).Select(k => k.Id)); // only keys within its grants
        var refused = (await _keys.AuditAsync(Operator, Operator, 0, Ct)).Where(e => e.Actor == "AKROTATOR").Select(e => e.Action);
        Assert.Equal(["refused-read", "refused-delete", "refused-enable", "refused-disable", "refused-rotate"], refused);

        var (rotated, _) = await _keys.RotateAsync("AKROTATOR", "AKPEER", TimeSpan.Zero, Ct); // a key within its grants
        Assert.NotNull(rotated.RotatedAt);
        await _keys.DeleteAsync("AKROTATOR", "AKPEER", Ct);
    }

    [Fact]
    public void Covers_Grants_OnlyByWhatTheHolderHasItself()
    {
        Assert.True(ActionCatalogue.Covers(["*"], "*"));
        Assert.False(ActionCatalogue.Covers(["SpeedUpService/*", "AccessKeyAdmin/*"], "*"));
        Assert.True(ActionCatalogue.Covers(["SpeedUpService/*"], "SpeedUpService/*"));
        Assert.False(ActionCatalogue.Covers(["SpeedUpService/Precheck", "SpeedUpService/QueryStatus"], "SpeedUpService/*")); // later methods too
        Assert.True(ActionCatalogue.Covers(["SpeedUpService/*"], "SpeedUpService/Precheck"));
        Assert.False(ActionCatalogue.Covers(["SpeedUpService/Precheck"], "SpeedUpService/QueryStatus"));
    }

    [Fact]
    public void Validate_BadSecurityOptions_ListsEveryProblem()
    {
        var result = new SecurityOptionsValidator(Catalogue).Validate(null, new SecurityOptions
        {
            ClockSkew = TimeSpan.Zero,
            RateLimits = new RateLimitOptions { PerKey = new TokenBucketOptions { PermitsPerSecond = 0, Burst = 1 } },
            BootstrapKeys =
            [
                new BootstrapKeyOptions { Id = "k1", SecretEnvironmentVariable = "X", Actions = ["*"] },
                new BootstrapKeyOptions { Id = "dup", SecretEnvironmentVariable = "", CustomerId = "c1", Actions = ["CustomerAdmin/*"] },
                new BootstrapKeyOptions { Id = "dup", SecretEnvironmentVariable = "Y", Actions = ["*"] },
            ],
        });

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("ClockSkew", failures, StringComparison.Ordinal);
        Assert.Contains("RateLimits:PerKey", failures, StringComparison.Ordinal);
        Assert.Contains("BootstrapKeys:0:Id", failures, StringComparison.Ordinal);
        Assert.Contains("BootstrapKeys:1:SecretEnvironmentVariable", failures, StringComparison.Ordinal);
        Assert.Contains("BootstrapKeys:1:Actions", failures, StringComparison.Ordinal);
        Assert.Contains("'dup' is used twice", failures, StringComparison.Ordinal);
    }
}
