namespace SpeedUp.Core.Access;

/// <summary>
/// The nonces of verified calls, each remembered until its signature's timestamp leaves the clock-skew window, so a
/// replayed call is refused — by this instance, after it restarts, and by every instance that shares the store.
/// </summary>
public interface IUsedNonceStore
{
    /// <summary>Records that the key used the nonce; false when it already did and that use is still remembered.</summary>
    ValueTask<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset rememberUntil, CancellationToken cancellationToken);
}
