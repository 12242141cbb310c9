using System.Collections.Concurrent;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// Caches the expensive password-to-key results (a megabyte hashed per password, RFC 3414 A.2) and the
/// localized keys per (user, snmpEngineID). Thread-safe; cleared when it grows past a bound.
/// </summary>
internal sealed class UsmKeyCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<(UsmAuthProtocol Protocol, string Password), byte[]> _masterKeys = new();
    private readonly ConcurrentDictionary<(UsmUser User, string EngineId), UsmLocalizedKeys> _localized = new();

    /// <summary>The user's keys localized to <paramref name="engineId"/>.</summary>
    public UsmLocalizedKeys Get(UsmUser user, ReadOnlySpan<byte> engineId)
    {
        var key = (user, Convert.ToHexString(engineId));
        if (_localized.TryGetValue(key, out var keys))
        {
            return keys;
        }

        keys = Localize(user, engineId);
        if (_localized.Count >= MaxEntries)
        {
            _localized.Clear();
        }

        return _localized.GetOrAdd(key, keys);
    }

    private UsmLocalizedKeys Localize(UsmUser user, ReadOnlySpan<byte> engineId)
    {
        if (user.AuthProtocol == UsmAuthProtocol.None)
        {
            return new UsmLocalizedKeys(user, [], []);
        }

        var authKey = UsmKeys.Localize(user.AuthProtocol, MasterKey(user.AuthProtocol, user.AuthPassword!), engineId);
        var privKey = user.PrivProtocol == UsmPrivProtocol.None
            ? []
            : UsmKeys.Localize(user.AuthProtocol, MasterKey(user.AuthProtocol, user.PrivPassword!), engineId);
        return new UsmLocalizedKeys(user, authKey, privKey);
    }

    private byte[] MasterKey(UsmAuthProtocol protocol, string password)
    {
        if (_masterKeys.Count >= MaxEntries)
        {
            _masterKeys.Clear();
        }

        return _masterKeys.GetOrAdd((protocol, password), static k => UsmKeys.PasswordToKey(k.Protocol, k.Password));
    }
}
