using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Core.Access;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Core.Tests.Access;

/// <summary>Bootstrap keys are created once; what the admin API does to them afterwards sticks, short of an explicit Recover.</summary>
public sealed class BootstrapKeyProvisionerTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly string _masterKeyPath = Path.Combine(Path.GetTempPath(), $"speedup-master-{Guid.NewGuid():N}.key");
    private readonly string _variable = $"SPEEDUP_TEST_BOOT_{Guid.NewGuid():N}";
    private readonly AesGcmSecretProtector _protector;
    private readonly AccessKeyService _keys;

    public BootstrapKeyProvisionerTests()
    {
        _protector = new AesGcmSecretProtector(new MasterKeySource(Options.Create(new SecurityOptions { MasterKeyPath = _masterKeyPath })));
        _keys = new AccessKeyService(new SqliteAccessKeyStore(_h.Database), _h.CustomerStore, _protector,
            new ActionCatalogue(["/p.v1.SpeedUpService/Precheck"], ["/p.admin.v1.AccessKeyAdmin/RotateAccessKey"]), _time, NullLogger<AccessKeyService>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string StrongSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _h.Dispose();
        File.Delete(_masterKeyPath);
    }

    private Task ProvisionAsync(string secret, bool recover = false)
    {
        Environment.SetEnvironmentVariable(_variable, secret);
        var options = Options.Create(new SecurityOptions
        {
            MasterKeyPath = _masterKeyPath,
            BootstrapKeys =
            [
                new BootstrapKeyOptions { Id = "boot-ops", SecretEnvironmentVariable = _variable, Actions = ["*"], Recover = recover },
                new BootstrapKeyOptions { Id = "boot-missing", SecretEnvironmentVariable = _variable + "_UNSET", Actions = ["*"] },
            ],
        });
        return new BootstrapKeyProvisioner(new SqliteAccessKeyStore(_h.Database), _protector, options, _time, NullLogger<BootstrapKeyProvisioner>.Instance)
            .ProvisionAsync(Ct);
    }

    [Fact]
    public async Task ProvisionAsync_AbsentKey_IsCreatedFromTheEnvironment_UnsetVariableIsSkipped()
    {
        var secret = StrongSecret();
        await ProvisionAsync(secret);

        Assert.Equal([secret], (await _keys.FindForVerificationAsync("boot-ops", Ct))!.Secrets);
        Assert.Null(await _keys.FindForVerificationAsync("boot-missing", Ct));
        Assert.Equal(["provision"], (await _keys.AuditAsync("boot-ops", "boot-ops", 0, Ct)).Select(e => e.Action));
    }

    [Fact]
    public async Task ProvisionAsync_AfterDisableRotateOrDelete_LeavesTheKeyAsTheAdminApiLeftIt()
    {
        var first = StrongSecret();
        await ProvisionAsync(first);
        var (_, rotated) = await _keys.RotateAsync("boot-ops", "boot-ops", TimeSpan.Zero, Ct);
        await _keys.SetEnabledAsync("boot-ops", "boot-ops", enabled: false, Ct);

        await ProvisionAsync(StrongSecret()); // a restart, with a new secret in the environment
        var kept = (await _keys.FindForVerificationAsync("boot-ops", Ct))!;
        Assert.Equal([rotated], kept.Secrets);
        Assert.False(kept.Key.Enabled);

        await _keys.DeleteAsync("boot-ops", "boot-ops", Ct);
        await ProvisionAsync(first);
        Assert.Null(await _keys.FindForVerificationAsync("boot-ops", Ct)); // the delete in its audit log is its tombstone
    }

    [Fact]
    public async Task ProvisionAsync_WithRecover_ReCreatesTheKeyEnabledWithTheEnvironmentsSecret()
    {
        await ProvisionAsync(StrongSecret());
        await _keys.DeleteAsync("boot-ops", "boot-ops", Ct);

        var secret = StrongSecret();
        await ProvisionAsync(secret, recover: true);

        var recovered = (await _keys.FindForVerificationAsync("boot-ops", Ct))!;
        Assert.Equal([secret], recovered.Secrets);
        Assert.True(recovered.Key.Enabled);
        Assert.Equal(["recover", "delete", "provision"], (await _keys.AuditAsync("boot-ops", "boot-ops", 0, Ct)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("short-secret")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef")] // hex: 24 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYX")] // base64: 24 bytes
    [InlineData("a-passphrase-of-31-characters!!")] // 31 UTF-8 bytes
    public async Task ProvisionAsync_WeakSecret_StopsStartUpNamingKeyAndVariableButNotTheSecret(string weak)
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ProvisionAsync(weak));

        Assert.Contains("'boot-ops'", e.Message, StringComparison.Ordinal);
        Assert.Contains(_variable, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak, e.Message, StringComparison.Ordinal);
        Assert.Null(await _keys.FindForVerificationAsync("boot-ops", Ct));
    }

    [Fact]
    public void BytesOf_Secrets_CountDecodedBytesOfHexAndBase64ElseUtf8Bytes()
    {
        Assert.Equal(32, BootstrapSecretStrength.BytesOf(Convert.ToHexStringLower(new byte[32])));
        Assert.Equal(24, BootstrapSecretStrength.BytesOf(Convert.ToHexStringLower(new byte[24])));
        Assert.Equal(32, BootstrapSecretStrength.BytesOf(Convert.ToBase64String(new byte[32])));
        Assert.Equal(32, BootstrapSecretStrength.BytesOf(System.Buffers.Text.Base64Url.EncodeToString(new byte[32])));
        Assert.Equal(24, BootstrapSecretStrength.BytesOf(Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 24).ToArray())));
        Assert.Equal(33, BootstrapSecretStrength.BytesOf("a-passphrase-of-33-characters!!!!"));
        Assert.False(BootstrapSecretStrength.IsStrong("first-boot-secret"));
    }
}
