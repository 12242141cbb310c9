using SpeedUp.Core.Access;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IUsedNonceStore"/>: a nonce is taken once per key while remembered, by every instance.
/// Whether a use is still remembered is judged at the instant the caller passes (the store reads no clock of its own),
/// so the facts pass instants and <c>rememberUntil</c> values rather than waiting.
/// </summary>
public abstract class UsedNonceStoreContractTests : StoreContractTests
{
    /// <summary>Records of one instance after which a sweep has certainly run (the stores sweep every 4096).</summary>
    private const int RecordsForASweep = 4096;

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 40, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FarFuture = Now.AddYears(10);
    private static readonly DateTimeOffset LongAgo = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IUsedNonceStore Nonces => Get<IUsedNonceStore>();

    /// <summary>
    /// Whether instances of the service share the provider's used nonces (PostgreSQL: one table of the shared
    /// database). When not (SQLite: the nonce file belongs to the one instance that opened it), a second instance's
    /// store is refused at open — the facts below about two instances check that instead.
    /// </summary>
    protected virtual bool SharedByInstances => true;

    [Fact]
    public async Task TryRecordAsync_FirstUseIsTaken_ReplayIsRefused_NoncesArePerKey()
    {
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct));
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK2", "nonce-1", Now, FarFuture, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-2", Now, FarFuture, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_ReplayOnAnotherInstance_IsRefused()
    {
        var other = await OpenOnSecondInstanceAsync();
        if (other is null)
        {
            return; // not shared: the second instance was refused, as checked
        }

        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct));

        Assert.False(await other.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct));
        Assert.True(await other.TryRecordAsync("AK1", "nonce-2", Now, FarFuture, Ct));
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-2", Now, FarFuture, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_UseNoLongerRemembered_TakesTheNonceAgain()
    {
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", LongAgo.AddMinutes(-5), LongAgo, Ct));

        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct)); // the first use was remembered until long ago
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-1", Now, FarFuture, Ct)); // and this one is remembered
    }

    /// <summary>
    /// Remembered means judged at the caller's instant, whatever the wall clock says: one millisecond (the finest both
    /// stores keep) before the remember-until the use is still there, at it the nonce may be taken again.
    /// </summary>
    [Fact]
    public async Task TryRecordAsync_AtTheCallersInstant_RefusedUntilRememberUntilThenTakenAgain()
    {
        var until = Now.AddMinutes(6);
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-edge", Now, until, Ct));

        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-edge", until.AddMilliseconds(-1), until, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-edge", until, until.AddMinutes(6), Ct));
    }

    /// <summary>A sweep run at an instant before a use's remember-until leaves that use alone, on either instance.</summary>
    [Fact]
    public async Task TryRecordAsync_SweepBeforeRememberUntil_KeepsTheUse()
    {
        var until = Now.AddMinutes(6);
        var justBefore = until.AddMilliseconds(-1);
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-kept", Now, until, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-gone", Now, justBefore, Ct));

        for (var i = 0; i < RecordsForASweep; i++)
        {
            Assert.True(await Nonces.TryRecordAsync("AK2", $"filler-{i}", justBefore, FarFuture, Ct));
        }

        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-kept", justBefore, until, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-gone", justBefore, until, Ct)); // its remember-until had come
    }

    [Fact]
    public async Task TryRecordAsync_SixteenUsesOfOneNonceFromTwoInstancesAtOnce_ExactlyOneIsTaken()
    {
        var instances = new[] { Nonces, await OpenOnSecondInstanceAsync() ?? Nonces };
        for (var round = 0; round < 5; round++)
        {
            var nonce = $"nonce-{round}";
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(async () => await instances[i % 2].TryRecordAsync("AK1", nonce, Now, FarFuture, Ct), Ct)));

            Assert.Single(outcomes, taken => taken);
        }
    }

    [Fact]
    public async Task TryRecordAsync_ManyCallsAtOnceSharingCommits_EachNonceTakenOnce_AndRememberedAfterwards()
    {
        // 128 records at once: 32 nonces, each used twice by each of two keys, so batches carry duplicates and both keys.
        var uses = Enumerable.Range(0, 128).Select(i => (Key: i % 4 < 2 ? "AK1" : "AK2", Nonce: $"batch-{i / 4}")).ToArray();
        var outcomes = await Task.WhenAll(uses.Select(u => Task.Run(async () => await Nonces.TryRecordAsync(u.Key, u.Nonce, Now, FarFuture, Ct), Ct)));

        foreach (var group in uses.Zip(outcomes).GroupBy(x => x.First))
        {
            Assert.Single(group, x => x.Second);
        }

        foreach (var (key, nonce) in uses.Distinct())
        {
            Assert.False(await Nonces.TryRecordAsync(key, nonce, Now.AddSeconds(1), FarFuture, Ct));
        }
    }

    /// <summary>
    /// The used-nonce store of a second instance, opened; or, when the provider's nonces belong to one instance, null
    /// after checking that the second instance's store is refused at open, saying which setting and why.
    /// </summary>
    private async Task<IUsedNonceStore?> OpenOnSecondInstanceAsync()
    {
        var other = Get<IUsedNonceStore>(await SecondInstanceAsync());
        if (SharedByInstances)
        {
            await other.OpenAsync(Ct);
            return other;
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.OpenAsync(Ct));
        Assert.Contains("another instance holds it", refused.Message, StringComparison.Ordinal);
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-after-refusal", Now, FarFuture, Ct)); // the first instance still serves
        return null;
    }
}
