using System.Collections.Concurrent;

namespace SpeedUp.Core.Customers;

/// <summary>
/// The customers a recent call found subscribed, each remembered for a short lifetime, so that a signed call does
/// not read its customer's row every time (on PostgreSQL, one round trip of three). Only "subscribed" is remembered:
/// an unknown or unsubscribed customer is read again at its next call, so a new customer or a new subscription counts at
/// once on every instance. An unsubscription made through this instance drops the entry (<see cref="Forget"/>) before
/// its next call; one made by another instance sharing the database counts here within the lifetime, as a
/// disabled access key does (<see cref="Access.AccessKeyService.VerificationCacheTime"/>).
/// </summary>
internal sealed class SubscribedCustomers(TimeProvider time, TimeSpan lifetime)
{
    /// <summary>At most this many customers are remembered; beyond, the memory starts over.</summary>
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>Bumped by every subscription change made through this instance; a read that raced with one is not remembered.</summary>
    private long _generation;

    /// <summary>The change count to pass to <see cref="Remember"/>, taken before the store is read.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether the customer was found subscribed less than the lifetime ago.</summary>
    public bool Contains(string customerId) => _until.TryGetValue(customerId, out var until) && time.GetUtcNow() < until;

    /// <summary>
    /// Remembers a customer the store has just shown subscribed — unless a change through this instance happened since
    /// <paramref name="generationBeforeRead"/> (what was read may already be stale).
    /// </summary>
    public void Remember(string customerId, long generationBeforeRead)
    {
        if (_until.Count >= Capacity)
        {
            _until.Clear();
        }

        _until[customerId] = time.GetUtcNow() + lifetime;
        if (Generation != generationBeforeRead)
        {
            _until.TryRemove(customerId, out _);
        }
    }

    /// <summary>Drops the customer (each subscription change through this instance does, once it is stored).</summary>
    public void Forget(string customerId)
    {
        Interlocked.Increment(ref _generation);
        _until.TryRemove(customerId, out _);
    }
}
