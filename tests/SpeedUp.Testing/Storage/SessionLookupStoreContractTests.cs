using System.Net;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="ISessionLookupStore"/>: a customer's line by the address of its latest pre-check or session
/// there, and the customer's sessions of that line, latest first, bounded.
/// </summary>
public abstract class SessionLookupStoreContractTests : StoreContractTests
{
    private static readonly IPAddress Address = IPAddress.Parse("202.101.172.35");

    private ISessionLookupStore Lookup => Get<ISessionLookupStore>();

    [Fact]
    public async Task LocateBandAsync_LatestOfPrechecksAndSessions_WinsAndIsTheCustomersOwn()
    {
        var sessions = Get<ISessionStore>();
        await sessions.InsertAsync(Session(330100001, startedAt: T0).Active().Ended(T0.AddMinutes(5)), Ct); // at port 0
        Assert.Equal(330100001, await Lookup.LocateBandAsync("c1", Address, 0, Ct));

        // The address moved to another line, pre-checked later: that line is found now.
        await Get<IPrecheckStore>().SaveAsync(Precheck("c1", 330100002, T0.AddMinutes(10)), Ct);
        Assert.Equal(330100002, await Get<ISessionLookupStore>(await SecondInstanceAsync()).LocateBandAsync("c1", Address, 0, Ct));

        Assert.Null(await Lookup.LocateBandAsync("c2", Address, 0, Ct));                       // another customer
        Assert.Null(await Lookup.LocateBandAsync("c1", Address, 1, Ct));                       // another port
        Assert.Null(await Lookup.LocateBandAsync("c1", IPAddress.Parse("202.101.172.36"), 0, Ct)); // another address
    }

    [Fact]
    public async Task ListLatestAsync_CustomersSessionsOfTheLine_LatestFirstBothDirectionsBounded()
    {
        var sessions = Get<ISessionStore>();
        var oldest = Session(330100001, Direction.Down, startedAt: T0).Active().Ended(T0.AddMinutes(5));
        var middle = Session(330100001, Direction.Up, startedAt: T0.AddMinutes(10)).Active();
        var latest = Session(330100001, Direction.Down, startedAt: T0.AddMinutes(20)).Active();
        foreach (var session in new[] { middle, latest, oldest,
                     Session(330100001, Direction.Up, startedAt: T0.AddMinutes(30), customerId: "c2").Restoring(EndReason.ApplyFailed).Ended(T0.AddMinutes(30), EndReason.ApplyFailed),
                     Session(330100002, Direction.Down, startedAt: T0.AddMinutes(40)) })
        {
            await sessions.InsertAsync(session, Ct);
        }

        var all = await Lookup.ListLatestAsync("c1", 330100001, 10, Ct);
        Assert.Equal([latest.Id, middle.Id, oldest.Id], all.Select(s => s.Id));
        AssertSameSession(middle, all[1]);
        Assert.Equal([latest.Id, middle.Id], (await Lookup.ListLatestAsync("c1", 330100001, 2, Ct)).Select(s => s.Id));
        Assert.Empty(await Lookup.ListLatestAsync("c3", 330100001, 10, Ct));
    }

    private static Precheck Precheck(string customerId, long bandId, DateTimeOffset at) => new(
        bandId, "zj0571a0002", Address, 0, Carrier.ChinaTelecom, "Zhejiang", "ct-hz-1",
        new LineRates(4000, 50_000), new LineCapability(20_000, 200_000, true),
        [new Offer(Direction.Down, 200, ProductType.HourPack)], at, at.AddMinutes(30), customerId);
}
