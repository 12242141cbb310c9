namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>The usmStats counters of an agent (RFC 3414 §5), incremented atomically.</summary>
internal sealed class UsmStatsCounters
{
    private readonly int[] _values = new int[6];

    /// <summary>Increments the counter of <paramref name="oid"/> (one of usmStats 1..6) and returns its new value.</summary>
    public uint Increment(ObjectIdentifier oid) => (uint)Interlocked.Increment(ref _values[IndexOf(oid)]);

    /// <summary>The counter of <paramref name="oid"/>.</summary>
    public uint Read(ObjectIdentifier oid) => (uint)Volatile.Read(ref _values[IndexOf(oid)]);

    /// <summary>The usmStats OIDs, in the order of their last arc (1..6).</summary>
    public static IReadOnlyList<ObjectIdentifier> Oids { get; } =
    [
        UsmStats.UnsupportedSecLevels, UsmStats.NotInTimeWindows, UsmStats.UnknownUserNames,
        UsmStats.UnknownEngineIds, UsmStats.WrongDigests, UsmStats.DecryptionErrors,
    ];

    private static int IndexOf(ObjectIdentifier oid)
    {
        var index = (int)oid.Components[^2] - 1;
        return index is >= 0 and < 6 && Oids[index] == oid
            ? index
            : throw new ArgumentOutOfRangeException(nameof(oid), "Not a usmStats counter.");
    }
}
