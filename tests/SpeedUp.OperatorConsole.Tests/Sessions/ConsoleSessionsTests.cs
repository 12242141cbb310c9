using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.OperatorConsole;
using SpeedUp.OperatorConsole.Sessions;
using SpeedUp.Signing;

namespace SpeedUp.OperatorConsole.Tests.Sessions;

public sealed class ConsoleSessionsTests
{
    private static readonly AccessKeyCredentials Key = new("ops-1", "ops-secret-0123456789abcdef0123456789abcdef");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    private ConsoleSessions Sessions() => new(Options.Create(new ConsoleOptions { IdleTimeout = TimeSpan.FromMinutes(30) }), _time);

    [Fact]
    public void Open_GivesA256BitRandomId_ThatFindsTheKey()
    {
        var sessions = Sessions();
        var first = sessions.Open(Key);
        var second = sessions.Open(Key);

        Assert.Equal(43, first.Length); // 32 bytes, base64url without padding
        Assert.NotEqual(first, second);
        Assert.Same(Key, sessions.Find(first)!.Key);
        Assert.Null(sessions.Find("not-a-session"));
        Assert.Null(sessions.Find(null));
    }

    [Fact]
    public void Find_AfterTheIdleTimeout_IsGone_ButUseKeepsItAlive()
    {
        var sessions = Sessions();
        var id = sessions.Open(Key);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(sessions.Find(id));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(sessions.Find(id));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void Close_EndsTheSession()
    {
        var sessions = Sessions();
        var id = sessions.Open(Key);
        sessions.Close(id);
        Assert.Null(sessions.Find(id));
    }

    [Fact]
    public void Session_ToString_NeverShowsTheSecret()
    {
        var sessions = Sessions();
        var session = sessions.Find(sessions.Open(Key))!;
        Assert.DoesNotContain(Key.AccessKeySecret, session.Key.ToString(), StringComparison.Ordinal);
    }
}
