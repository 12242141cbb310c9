using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;

namespace SpeedUp.Core.Tests.Webhooks;

public sealed class SessionEventPayloadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(SessionEventKind.Activated, "cn.broadband.speedup.session.activated")]
    [InlineData(SessionEventKind.Restoring, "cn.broadband.speedup.session.restoring")]
    [InlineData(SessionEventKind.Ended, "cn.broadband.speedup.session.ended")]
    [InlineData(SessionEventKind.Reapplied, "cn.broadband.speedup.session.reapplied")]
    [InlineData(SessionEventKind.Extended, "cn.broadband.speedup.session.extended")]
    public void TypeOf_NamesTheKindInLowerCase(SessionEventKind kind, string type) => Assert.Equal(type, SessionEventPayload.TypeOf(kind));

    [Fact]
    public void DataOf_CarriesTheSnapshot_InCamelCase()
    {
        var e = new SessionEvent("e1", SessionEventKind.Ended, T0.AddMinutes(10), "c1", "s1", 330100001, Direction.Up, SessionState.Ended,
            EndReason.ApplyFailed, 50_000, 20_000, "game", T0, T0.AddHours(1), T0.AddMinutes(10));

        var json = SessionEventPayload.DataOf(e).ToJsonString();

        Assert.Equal(
            """{"sessionId":"s1","bandId":330100001,"direction":"UP","state":"ENDED","endReason":"APPLY_FAILED","targetBandwidthMbps":50,"originalKbps":20000,"startedAt":"2026-12-03T00:00:00+00:00","expiresAt":"2026-12-03T01:00:00+00:00","endedAt":"2026-12-03T00:10:00+00:00","scene":"game"}""",
            json);
    }
}
