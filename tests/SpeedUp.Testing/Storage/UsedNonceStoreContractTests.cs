using SpeedUp.Core.Access;
using Xunit;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IUsedNonceStore"/>: a nonce is taken once per key while remembered, by every instance.
/// Whether a use is still remembered is judged by the store's own clock (the wall clock), so the facts pass
/// <c>rememberUntil</c> values far in the past or the future rather than waiting.
/// </summary>
public abstract class UsedNonceStoreContractTests : StoreContractTests
{
    private static readonly DateTimeOffset FarFuture = DateTimeOffset.UtcNow.AddYears(10);
    private static readonly DateTimeOffset LongAgo = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IUsedNonceStore Nonces => Get<IUsedNonceStore>();

    [Fact]
    public async Task TryRecordAsync_FirstUseIsTaken_ReplayIsRefused_NoncesArePerKey()
    {
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct));
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK2", "nonce-1", FarFuture, Ct));
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-2", FarFuture, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_ReplayOnAnotherInstance_IsRefused()
    {
        var other = Get<IUsedNonceStore>(await SecondInstanceAsync());
        await other.OpenAsync(Ct);

        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct));

        Assert.False(await other.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct));
        Assert.True(await other.TryRecordAsync("AK1", "nonce-2", FarFuture, Ct));
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-2", FarFuture, Ct));
    }

    [Fact]
    public async Task TryRecordAsync_UseNoLongerRemembered_TakesTheNonceAgain()
    {
        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", LongAgo, Ct));

        Assert.True(await Nonces.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct)); // the first use was remembered until long ago
        Assert.False(await Nonces.TryRecordAsync("AK1", "nonce-1", FarFuture, Ct)); // and this one is remembered
    }

    [Fact]
    public async Task TryRecordAsync_SixteenUsesOfOneNonceFromTwoInstancesAtOnce_ExactlyOneIsTaken()
    {
        var instances = new[] { Nonces, Get<IUsedNonceStore>(await SecondInstanceAsync()) };
        await instances[1].OpenAsync(Ct);
        for (var round = 0; round < 5; round++)
        {
            var nonce = $"nonce-{round}";
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(async () => await instances[i % 2].TryRecordAsync("AK1", nonce, FarFuture, Ct), Ct)));

            Assert.Single(outcomes, taken => taken);
        }
    }
}
