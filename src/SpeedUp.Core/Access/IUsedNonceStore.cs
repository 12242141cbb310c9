namespace SpeedUp.Core.Access;

/// <summary>
/// The nonces of verified calls, each remembered until its signature's timestamp leaves the clock-skew window, so a
/// replayed call is refused — by this instance, after it restarts, and by every instance that shares the store.
/// </summary>
public interface IUsedNonceStore
{
    /// <summary>Opens the store, creating it when absent; at start-up, so a store that cannot be used stops the service.</summary>
    /// <exception cref="InvalidOperationException">The store cannot be opened; the message names its setting and path.</exception>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Records that the key used the nonce; false when it already did and that use is still remembered.</summary>
    ValueTask<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset rememberUntil, CancellationToken cancellationToken);
}
