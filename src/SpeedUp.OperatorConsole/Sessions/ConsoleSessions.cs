using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SpeedUp.Signing;

namespace SpeedUp.OperatorConsole.Sessions;

/// <summary>
/// Signed-in sessions, in memory: a random 256-bit id (the cookie) → the operator's key. A session unused for
/// <see cref="ConsoleOptions.IdleTimeout"/> is gone; a restart signs everybody out.
/// </summary>
internal sealed class ConsoleSessions(IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Opens a session for <paramref name="key"/>; returns its id.</summary>
    public string Open(AccessKeyCredentials key)
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (Expired(session, now))
            {
                _sessions.TryRemove(id, out _);
            }
        }

        var newId = Base64Url(RandomNumberGenerator.GetBytes(32));
        _sessions[newId] = new ConsoleSession(key, now);
        return newId;
    }

    /// <summary>The live session of <paramref name="id"/> (its idle time restarts), or null.</summary>
    public ConsoleSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (Expired(session, now))
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        session.LastSeen = now;
        return session;
    }

    /// <summary>Ends the session of <paramref name="id"/>.</summary>
    public void Close(string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            _sessions.TryRemove(id, out _);
        }
    }

    private bool Expired(ConsoleSession session, DateTimeOffset now) => now - session.LastSeen >= options.Value.IdleTimeout;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
