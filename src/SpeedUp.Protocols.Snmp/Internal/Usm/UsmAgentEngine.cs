using System.Security.Cryptography;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// An agent's authoritative SNMP engine (RFC 3414 §2.2): snmpEngineID, snmpEngineBoots, snmpEngineTime
/// (seconds since the agent started), its users with keys localized to that engine ID, and the usmStats counters.
/// </summary>
internal sealed class UsmAgentEngine
{
    /// <summary>RFC 3414 §3.2 step 7: the time window, in seconds.</summary>
    public const int TimeWindowSeconds = 150;

    /// <summary>The enterprise number of RFC 3411 §5 format engine IDs made here (3902, as the brief asks).</summary>
    private const uint Enterprise = 3902;

    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly Dictionary<string, (SnmpAgentUser User, UsmLocalizedKeys Keys)> _users = [];

    public UsmAgentEngine(SnmpAgentOptions options)
    {
        EngineId = options.EngineId?.ToArray() ?? CreateEngineId();
        if (EngineId.Length is < 5 or > SnmpCodecLimits.MaxEngineIdLength)
        {
            throw new ArgumentException("An snmpEngineID has 5 to 32 octets (RFC 3411 §5).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.EngineBoots);
        ArgumentOutOfRangeException.ThrowIfEqual(options.EngineBoots, int.MaxValue);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        Boots = options.EngineBoots;
        MaxMessageSize = options.MaxDatagramSize;
        _clock = options.TimeProvider;
        _started = _clock.GetTimestamp();
        var cache = new UsmKeyCache();
        foreach (var agentUser in options.Users)
        {
            ArgumentNullException.ThrowIfNull(agentUser?.User, nameof(options));
            agentUser.User.EnsureValid();
            if (!_users.TryAdd(UserKey(System.Text.Encoding.UTF8.GetBytes(agentUser.User.Name)), (agentUser, cache.Get(agentUser.User, EngineId))))
            {
                throw new ArgumentException("SNMPv3 user '" + agentUser.User.Name + "' is configured twice.", nameof(options));
            }
        }
    }

    public byte[] EngineId { get; }

    public int Boots { get; }

    public int MaxMessageSize { get; }

    public UsmStatsCounters Counters { get; } = new();

    /// <summary>snmpEngineTime: whole seconds since the agent started.</summary>
    public int Time => (int)Math.Min(_clock.GetElapsedTime(_started).TotalSeconds, int.MaxValue);

    public bool IsOwnEngineId(ReadOnlySpan<byte> engineId) => engineId.SequenceEqual(EngineId);

    public bool TryGetUser(ReadOnlySpan<byte> userName, out SnmpAgentUser user, out UsmLocalizedKeys keys)
    {
        var found = _users.TryGetValue(UserKey(userName), out var entry);
        (user, keys) = (entry.User, entry.Keys);
        return found;
    }

    /// <summary>RFC 3414 §3.2 step 7a: boots at its latch, other boots, or a time more than 150 s off.</summary>
    public bool IsInTimeWindow(int boots, int time) =>
        Boots != int.MaxValue && boots == Boots && Math.Abs((long)time - Time) <= TimeWindowSeconds;

    private static string UserKey(ReadOnlySpan<byte> userName) => Convert.ToHexString(userName);

    /// <summary>RFC 3411 §5: 1 ‖ enterprise (31 bits), format 5 (administratively assigned octets), 8 random octets.</summary>
    private static byte[] CreateEngineId()
    {
        var id = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(id, 0x8000_0000u | Enterprise);
        id[4] = 5;
        RandomNumberGenerator.Fill(id.AsSpan(5));
        return id;
    }
}
