using SpeedUp.Signing;

namespace SpeedUp.OperatorConsole.Sessions;

/// <summary>A signed-in operator: the key that signs the console's admin calls (held in server memory only).</summary>
internal sealed class ConsoleSession(AccessKeyCredentials key, DateTimeOffset now)
{
    /// <summary>The operator's key.</summary>
    public AccessKeyCredentials Key { get; } = key;

    /// <summary>The last request of the session.</summary>
    public DateTimeOffset LastSeen { get; set; } = now;

    /// <summary>A message for the next page (after a probe, stop or disable), shown once.</summary>
    public string? Notice { get; set; }

    /// <summary>Takes the notice.</summary>
    public string? TakeNotice()
    {
        var notice = Notice;
        Notice = null;
        return notice;
    }
}
