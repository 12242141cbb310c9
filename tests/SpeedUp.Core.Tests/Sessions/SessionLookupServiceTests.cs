using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>Session lookup by device: the customer's sessions of the line at an address, from stored pre-checks and sessions.</summary>
public sealed class SessionLookupServiceTests : IDisposable
{
    private const string Ip = "202.101.172.35";
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    private async Task SpeedUpAsync(int minutes)
    {
        await _h.Precheck.PrecheckAsync(Ip, 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(minutes));
        await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task FindAsync_LineSpedUpThreeTimes_ListsItsSessionsLatestFirstWithoutAskingTheDevice()
    {
        await SpeedUpAsync(5);
        await SpeedUpAsync(6);
        await SpeedUpAsync(7);
        var calls = _h.Driver.Calls;

        var found = await _h.Lookup.FindAsync(CoreHarness.Customer, Ip, 0, 0, Ct);

        Assert.Equal(330100001, found.BandId);
        Assert.Equal(3, found.Sessions.Count);
        Assert.True(found.Sessions[0].StartedAt > found.Sessions[1].StartedAt && found.Sessions[1].StartedAt > found.Sessions[2].StartedAt);
        Assert.All(found.Sessions, s => Assert.Equal((Direction.Down, SessionState.Ended), (s.Direction, s.State)));
        Assert.Equal(calls, _h.Driver.Calls);
        Assert.Single((await _h.Lookup.FindAsync(CoreHarness.Customer, Ip, 0, 1, Ct)).Sessions);
    }

    [Fact]
    public async Task FindAsync_PrecheckedOnly_FindsTheLineWithNoSessions()
    {
        await _h.Precheck.PrecheckAsync(Ip, 0, Ct);

        var found = await _h.Lookup.FindAsync(CoreHarness.Customer, Ip, 0, 0, Ct);

        Assert.Equal((330100001L, 0), (found.BandId, found.Sessions.Count));
    }

    [Fact]
    public async Task FindAsync_AnotherCustomerOrAnotherAddress_SeesNothingOfTheCustomersSessions()
    {
        await SpeedUpAsync(5);

        var stranger = await _h.Lookup.FindAsync("c2", Ip, 0, 0, Ct);
        Assert.Equal((null, 0), (stranger.BandId, stranger.Sessions.Count));

        await _h.RealPrecheck.PrecheckAsync("c2", Ip, 0, Ct); // c2 finds the line through its own pre-check, not c1's sessions
        var own = await _h.Lookup.FindAsync("c2", Ip, 0, 0, Ct);
        Assert.Equal((330100001L, 0), (own.BandId, own.Sessions.Count));

        var elsewhere = await _h.Lookup.FindAsync(CoreHarness.Customer, Ip, 1, 0, Ct); // another port of the address
        Assert.Null(elsewhere.BandId);
    }

    [Theory]
    [InlineData("202.101.172", 0, 0)]
    [InlineData("202.101.172.35", -1, 0)]
    [InlineData("202.101.172.35", 65536, 0)]
    [InlineData("202.101.172.35", 0, -1)]
    [InlineData("202.101.172.35", 0, 101)]
    public async Task FindAsync_BadAddressPortOrLimit_IsInvalidParameters(string ip, int port, int limit)
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Lookup.FindAsync(CoreHarness.Customer, ip, port, limit, Ct));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }
}
