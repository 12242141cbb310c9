using System.Net;
using SpeedUp.Core.Access;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL column types (inet, bigint[], text[], bytea, timestamptz, CST dates) read back what was written.
/// Behaviour shared with SQLite is the store contract suite's; this only guards the type mapping.
/// </summary>
public sealed class PostgresTypeMappingTests(PostgresClusterFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 17, 30, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_RoundTripPostgresTypes_ReadBackWhatWasWritten()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var database = TestInstances.Database(connectionString);

        var prechecks = new PostgresPrecheckStore(database);
        var precheck = new Precheck(9, "acct", IPAddress.Parse("2001:db8::7"), 3, Carrier.ChinaTelecom, "Zhejiang", "ch",
            new LineRates(100, 200), new LineCapability(300, 400, true), [], Now, Now.AddMinutes(30), "c-1");
        await prechecks.SaveAsync(precheck, Ct);
        await prechecks.SaveAsync(precheck with { Account = "acct-2" }, Ct);
        var found = await prechecks.FindAsync("c-1", 9, Ct);
        Assert.Equal(("acct-2", IPAddress.Parse("2001:db8::7"), Now), (found!.Account, found.IpAddress, found.CheckedAt));

        var keys = new PostgresAccessKeyStore(database);
        var key = new StoredAccessKey(new AccessKey("k-1", null, ["speedup.start", "speedup.stop"], true, "d", Now, null), [1, 2, 3], null, null);
        Assert.True(await keys.CreateAsync(key, new AccessKeyAuditEntry(Now, "configuration", "create", "k-1", ""), Ct));
        var stored = await keys.FindAsync("k-1", Ct);
        Assert.Equal(["speedup.start", "speedup.stop"], stored!.Key.Actions);
        Assert.Equal([1, 2, 3], stored.ProtectedSecret);
        Assert.Single(await keys.ListAsync(null, Ct));
        Assert.Single(await keys.ListAuditAsync("k-1", 10, Ct));

        var sessions = new PostgresSessionStore(database);
        await sessions.InsertAsync(TestInstances.Session("s-1", 9, Now.AddHours(1), customerId: "c-1"), Ct);
        await Assert.ThrowsAsync<SessionConflictException>(() => sessions.InsertAsync(TestInstances.Session("s-2", 9, Now), Ct));
        var statistics = new PostgresStatisticsStore(database);
        var days = await statistics.CountByDayAsync("c-1", Now.AddDays(-1), Now.AddDays(1), Ct);
        Assert.Equal(new DateOnly(2026, 12, 3), Assert.Single(days).Date); // started 16:30 CST on the 3rd (08:30 UTC)
        var details = new List<Core.Statistics.SessionDetail>();
        await foreach (var detail in statistics.ReadDetailsAsync("c-1", Now.AddDays(-1), Now.AddDays(1), Ct))
        {
            details.Add(detail);
        }

        Assert.Equal(Now, Assert.Single(details).StartedAt);
    }
}
