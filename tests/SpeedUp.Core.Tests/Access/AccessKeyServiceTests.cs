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
    private readonly string _masterKeyPath;

    public AccessKeyServiceTests()
    {
        _masterKeyPath = Path.Combine(Path.GetTempPath(), $"speedup-master-{Guid.NewGuid():N}.key");
        var options = Options.Create(new SecurityOptions { MasterKeyPath = _masterKeyPath });
        _keys = new AccessKeyService(new SqliteAccessKeyStore(_h.Database), _h.CustomerStore,
            new AesGcmSecretProtector(new MasterKeySource(options)), Catalogue, options, _time, NullLogger<AccessKeyService>.Instance);
    }

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
        Assert.Single(await _keys.AuditAsync(null, 0, Ct)); // only the successful creation is audited
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

        var audit = await _keys.AuditAsync(key.Id, 0, Ct);
        Assert.Equal(["delete", "enable", "disable", "create"], audit.Select(e => e.Action));
        Assert.Equal([Operator, Operator, "AKSECOND", Operator], audit.Select(e => e.Actor));
        Assert.Contains("customer=c1 actions=SpeedUpService/*", audit[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedAsync_BootstrapKeys_ComeFromTheEnvironmentAndAreSkippedWithoutIt()
    {
        var variable = $"SPEEDUP_TEST_BOOT_{Guid.NewGuid():N}";
        var options = Options.Create(new SecurityOptions
        {
            MasterKeyPath = _masterKeyPath,
            BootstrapKeys =
            [
                new BootstrapKeyOptions { Id = "boot-ops", SecretEnvironmentVariable = variable, Actions = ["*"] },
                new BootstrapKeyOptions { Id = "boot-missing", SecretEnvironmentVariable = variable + "_UNSET", Actions = ["*"] },
            ],
        });
        var keys = new AccessKeyService(new SqliteAccessKeyStore(_h.Database), _h.CustomerStore,
            new AesGcmSecretProtector(new MasterKeySource(options)), Catalogue, options, _time, NullLogger<AccessKeyService>.Instance);
        Environment.SetEnvironmentVariable(variable, "first-boot-secret");
        try
        {
            await keys.SeedAsync(Ct);
            Environment.SetEnvironmentVariable(variable, "second-boot-secret");
            await keys.SeedAsync(Ct); // configuration is the source of truth: a changed secret replaces the stored one
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Assert.Equal(["second-boot-secret"], (await keys.FindForVerificationAsync("boot-ops", Ct))!.Secrets);
        Assert.Null(await keys.FindForVerificationAsync("boot-missing", Ct));
        Assert.All(await keys.AuditAsync("boot-ops", 0, Ct), e => Assert.Equal(AccessKeyService.ConfigurationActor, e.Actor));
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
