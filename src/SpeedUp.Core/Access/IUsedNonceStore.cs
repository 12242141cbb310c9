namespace SpeedUp.Core.Access;

/// <summary>
/// The nonces of verified calls, each remembered until a given instant — at least as long as any call carrying it
/// could still pass the timestamp check — so a replayed call is refused: by this instance, after it restarts, and by
/// every instance that shares the store. The store reads no clock of its own: every decision (is an earlier use still
/// remembered, which entries may be purged) is taken at the instant the caller passes, the same instant the caller
/// checked the call's timestamp at.
/// </summary>
public interface IUsedNonceStore
{
    /// <summary>Opens the store, creating it when absent; at start-up, so a store that cannot be used stops the service.</summary>
    /// <exception cref="InvalidOperationException">The store cannot be opened; the message names its setting and path.</exception>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records, at the call's instant <paramref name="now"/>, that the key used the nonce, to be remembered until
    /// <paramref name="rememberUntil"/>; false when it already did and that use is still remembered at <paramref name="now"/>
    /// (its remember-until is later than <paramref name="now"/>). Entries are purged only once their remember-until is
    /// at or before the instant of the call that purges them.
    /// </summary>
    ValueTask<bool> TryRecordAsync(string accessKeyId, string nonce, DateTimeOffset now, DateTimeOffset rememberUntil, CancellationToken cancellationToken);
}
