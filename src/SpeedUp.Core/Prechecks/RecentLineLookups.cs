using System.Net;
using Microsoft.Extensions.Options;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Prechecks;

/// <summary>
/// The line lookups of recent pre-checks, by customer, address and port, reused by a repeated pre-check of the same
/// customer for <see cref="PrecheckOptions.LineLookupReuse"/>: a customer asking again and again costs the equipment
/// one lookup per window. Only lookups of a line without an open speed-up are kept (its rates cannot have moved since,
/// unless a speed-up started, which the caller checks). Bounded: at most <see cref="PrecheckOptions.LineLookupCapacity"/>
/// entries, the oldest go first, expired ones are dropped on every call. Per instance, thread-safe.
/// </summary>
public sealed class RecentLineLookups(IOptions<PrecheckOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byAge = new();

    /// <summary>Entries held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The channel and line of the customer's lookup of the same address and port within the reuse window, if any.</summary>
    public (string Channel, SubscriberLine Line)? Find(string customerId, IPAddress address, int port)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            return _entries.TryGetValue(new Key(customerId, address, port), out var node) ? (node.Value.Channel, node.Value.Line) : null;
        }
    }

    /// <summary>Keeps a lookup of a line without an open speed-up for the reuse window (nothing when reuse is off).</summary>
    public void Remember(string customerId, IPAddress address, int port, string channel, SubscriberLine line)
    {
        var settings = options.Value;
        if (settings.LineLookupReuse <= TimeSpan.Zero || settings.LineLookupCapacity <= 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var key = new Key(customerId, address, port);
        lock (_gate)
        {
            DropExpired(now);
            if (_entries.Remove(key, out var existing))
            {
                _byAge.Remove(existing);
            }

            while (_entries.Count >= settings.LineLookupCapacity && _byAge.First is { } oldest)
            {
                _entries.Remove(oldest.Value.Key);
                _byAge.RemoveFirst();
            }

            _entries[key] = _byAge.AddLast(new Entry(key, channel, line, now + settings.LineLookupReuse));
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now)
        {
            _entries.Remove(oldest.Value.Key);
            _byAge.RemoveFirst();
        }
    }

    private readonly record struct Key(string CustomerId, IPAddress Address, int Port);

    private sealed record Entry(Key Key, string Channel, SubscriberLine Line, DateTimeOffset ExpiresAt);
}
