using SpeedUp.Core.Access;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>The contract of <see cref="IAccessKeyStore"/>: keys, their secrets and rotations, and an audit entry with every change.</summary>
public abstract class AccessKeyStoreContractTests : StoreContractTests
{
    private IAccessKeyStore Keys => Get<IAccessKeyStore>();

    [Fact]
    public async Task CreateAsync_ThenFind_RoundTrips_IdTakenReturnsFalse()
    {
        var key = Key("AK1", "c1");

        Assert.True(await Keys.CreateAsync(key, Audit("AK1", "create"), Ct));
        Assert.False(await Get<IAccessKeyStore>(await SecondInstanceAsync()).CreateAsync(Key("AK1", "c2", secret: 9), Audit("AK1", "create again"), Ct));

        AssertSameKey(key, await Keys.FindAsync("AK1", Ct));
        Assert.Null(await Keys.FindAsync("AK2", Ct));
        Assert.Equal(["create"], (await Keys.ListAuditAsync("AK1", 10, Ct)).Select(a => a.Action)); // a refused create changed nothing
    }

    [Fact]
    public async Task UpsertAsync_CreatesThenReplacesTheKey()
    {
        await Keys.UpsertAsync(Key("AK1", "c1"), Audit("AK1", "provision"), Ct);
        await Keys.ReplaceSecretAsync("AK1", [7, 7], [1, 2, 3], T0.AddHours(1), T0.AddMinutes(1), Audit("AK1", "rotate"), Ct);
        var replacement = Key("AK1", "c2", secret: 5, actions: ["SpeedUp.Start"], description: "reprovisioned");

        await Keys.UpsertAsync(replacement, Audit("AK1", "provision"), Ct);

        var stored = await Keys.FindAsync("AK1", Ct);
        Assert.NotNull(stored);
        Assert.Equal(("c2", true, "reprovisioned"), (stored.Key.CustomerId, stored.Key.Enabled, stored.Key.Description));
        Assert.Equal(["SpeedUp.Start"], stored.Key.Actions);
        Assert.Equal(replacement.ProtectedSecret, stored.ProtectedSecret);
        Assert.Null(stored.PreviousProtectedSecret); // the configured secret replaces any rotation
        Assert.Null(stored.PreviousValidUntil);
        Assert.Equal(3, (await Keys.ListAuditAsync("AK1", 10, Ct)).Count);
    }

    [Fact]
    public async Task SetEnabledAsync_DisablesAndEnables_SeenByAnotherInstance_UnknownGivesNull()
    {
        await Keys.CreateAsync(Key("AK1", "c1"), Audit("AK1", "create"), Ct);
        var other = Get<IAccessKeyStore>(await SecondInstanceAsync());

        var disabled = await Keys.SetEnabledAsync("AK1", false, Audit("AK1", "disable"), Ct);

        Assert.False(disabled!.Enabled);
        Assert.False((await other.FindAsync("AK1", Ct))!.Key.Enabled);
        Assert.True((await other.SetEnabledAsync("AK1", true, Audit("AK1", "enable"), Ct))!.Enabled);
        Assert.True((await Keys.FindAsync("AK1", Ct))!.Key.Enabled);
        Assert.Null(await Keys.SetEnabledAsync("AK-none", false, Audit("AK-none", "disable"), Ct));
        Assert.Null(await Keys.FindAsync("AK-none", Ct));
    }

    [Fact]
    public async Task ReplaceSecretAsync_KeepsThePreviousSecretUntilTheGivenTime_UnknownGivesNull()
    {
        var key = Key("AK1", "c1");
        await Keys.CreateAsync(key, Audit("AK1", "create"), Ct);

        var rotated = await Keys.ReplaceSecretAsync("AK1", [9, 9, 9], key.ProtectedSecret, T0.AddHours(24), T0.AddMinutes(5), Audit("AK1", "rotate"), Ct);

        Assert.Equal(T0.AddMinutes(5), rotated!.RotatedAt);
        var stored = await Keys.FindAsync("AK1", Ct);
        Assert.Equal(new byte[] { 9, 9, 9 }, stored!.ProtectedSecret);
        Assert.Equal(key.ProtectedSecret, stored.PreviousProtectedSecret);
        Assert.Equal(T0.AddHours(24), stored.PreviousValidUntil);
        Assert.Equal(T0.AddMinutes(5), stored.Key.RotatedAt);

        await Keys.ReplaceSecretAsync("AK1", [8], null, null, T0.AddMinutes(6), Audit("AK1", "rotate now"), Ct);
        stored = await Keys.FindAsync("AK1", Ct);
        Assert.Equal(new byte[] { 8 }, stored!.ProtectedSecret);
        Assert.Null(stored.PreviousProtectedSecret); // rotated with no grace period: only the new secret verifies
        Assert.Null(stored.PreviousValidUntil);
        Assert.Null(await Keys.ReplaceSecretAsync("AK-none", [1], null, null, T0, Audit("AK-none", "rotate"), Ct));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheKeyOnce()
    {
        await Keys.CreateAsync(Key("AK1", "c1"), Audit("AK1", "create"), Ct);

        Assert.True(await Keys.DeleteAsync("AK1", Audit("AK1", "delete"), Ct));

        Assert.Null(await Keys.FindAsync("AK1", Ct));
        Assert.False(await Keys.DeleteAsync("AK1", Audit("AK1", "delete"), Ct));
        Assert.Empty(await Keys.ListAsync(null, Ct));
        Assert.Equal(["delete", "create"], (await Keys.ListAuditAsync("AK1", 10, Ct)).Select(a => a.Action)); // the audit outlives the key
    }

    [Fact]
    public async Task ListAsync_OneCustomersOrAllKeys_OrderedById()
    {
        foreach (var key in new[] { Key("AK3", "c1"), Key("AK1", "c2"), Key("AK2", "c1"), Key("AK0", null) })
        {
            await Keys.CreateAsync(key, Audit(key.Key.Id, "create"), Ct);
        }

        Assert.Equal(["AK2", "AK3"], (await Keys.ListAsync("c1", Ct)).Select(k => k.Id));
        Assert.Equal(["AK0", "AK1", "AK2", "AK3"], (await Keys.ListAsync(null, Ct)).Select(k => k.Id));
        Assert.Null((await Keys.ListAsync(null, Ct))[0].CustomerId); // an operator key
        Assert.Empty(await Keys.ListAsync("c9", Ct));
    }

    [Fact]
    public async Task ListAuditAsync_NewestFirst_OfOneKeyOrAll_UpToTheLimit()
    {
        await Keys.CreateAsync(Key("AK1", "c1"), Audit("AK1", "create", 1), Ct);
        await Keys.CreateAsync(Key("AK2", "c1"), Audit("AK2", "create", 2), Ct);
        await Keys.SetEnabledAsync("AK1", false, Audit("AK1", "disable", 3), Ct);
        await Get<IAccessKeyStore>(await SecondInstanceAsync()).SetEnabledAsync("AK1", true, Audit("AK1", "enable", 4), Ct);

        var all = await Keys.ListAuditAsync(null, 10, Ct);
        var latestOfAk1 = await Keys.ListAuditAsync("AK1", 2, Ct);

        Assert.Equal([("AK1", "enable"), ("AK1", "disable"), ("AK2", "create"), ("AK1", "create")], all.Select(a => (a.KeyId, a.Action)));
        Assert.Equal(Audit("AK1", "enable", 4), all[0]);
        Assert.Equal(["enable", "disable"], latestOfAk1.Select(a => a.Action));
    }

    private static StoredAccessKey Key(
        string id, string? customerId, byte secret = 1, string[]? actions = null, string description = "test key") =>
        new(new AccessKey(id, customerId, actions ?? ["SpeedUp.Start", "SpeedUp.Stop"], true, description, T0, null),
            [secret, 2, 3, 4], null, null);

    private static AccessKeyAuditEntry Audit(string keyId, string action, int minute = 0) =>
        new(T0.AddMinutes(minute), "operator-key", action, keyId, $"{action} {keyId}");

    private static void AssertSameKey(StoredAccessKey expected, StoredAccessKey? actual)
    {
        Assert.NotNull(actual);
        var (e, a) = (expected.Key, actual.Key);
        Assert.Equal((e.Id, e.CustomerId, e.Enabled, e.Description, e.CreatedAt, e.RotatedAt), (a.Id, a.CustomerId, a.Enabled, a.Description, a.CreatedAt, a.RotatedAt));
        Assert.Equal(e.Actions, a.Actions);
        Assert.Equal(expected.ProtectedSecret, actual.ProtectedSecret);
        Assert.Equal(expected.PreviousProtectedSecret, actual.PreviousProtectedSecret);
        Assert.Equal(expected.PreviousValidUntil, actual.PreviousValidUntil);
    }
}
