using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Location;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Core.Telemetry;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;
using SpeedUp.Storage.Sqlite;
using SpeedUp.Testing;

namespace SpeedUp.Core.Tests;

/// <summary>
/// The domain services wired over a real SQLite file, a fake clock and a fake line table. <see cref="Precheck"/>,
/// <see cref="Orders"/> and <see cref="Service"/> act for the customer <see cref="Customer"/>; <see cref="Service"/>'s
/// start first buys a 30-day pack for the line when the pre-check offers one and none is valid (tests about orders
/// use <see cref="Sessions"/>/<see cref="RealService"/> directly).
/// </summary>
internal sealed class CoreHarness : IDisposable
{
    public const string Channel = "ct-test";
    public const string Customer = "c1";
    public static readonly IPAddress Zhejiang = IPAddress.Parse("202.101.172.35");
    public static readonly IPAddress Guangdong = IPAddress.Parse("202.96.128.86");

    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-core-").FullName;

    /// <summary>
    /// Wires the domain. <paramref name="channels"/> configures the supply channels (driver <c>fake</c>, all reaching
    /// the same <see cref="Equipment"/>); by default one channel <see cref="Channel"/> serving Zhejiang.
    /// </summary>
    public CoreHarness(TimeSpan? maxDuration = null, Action<IList<SupplyChannelOptions>>? channels = null)
    {
        var locator = new Mock<IIpLocator>();
        locator.Setup(l => l.Locate(Zhejiang)).Returns(new IpLocation("中国", "Zhejiang", Carrier.ChinaTelecom, "电信", "test"));
        locator.Setup(l => l.Locate(Guangdong)).Returns(new IpLocation("中国", "Guangdong", Carrier.ChinaTelecom, "电信", "test"));
        locator.Setup(l => l.Locate(It.Is<IPAddress>(a => !a.Equals(Zhejiang) && !a.Equals(Guangdong))))
            .Returns(new IpLocation("美国", null, null, "Level3", "test"));

        var scheduler = new SchedulerOptions();
        if (channels is null)
        {
            scheduler.Channels.Add(Telecom(Channel));
        }
        else
        {
            channels(scheduler.Channels);
        }

        Factory = new FakeDriverFactory(Equipment);
        // The channels' timeouts, retry pauses and breaker windows run on the real clock (the fake one never moves by itself).
        Database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(_directory, "t.db") }));
        Registry = new SupplyChannelRegistry(
            Options.Create(scheduler), [Factory], new SqliteChannelCapacityLedger(Database), new ChannelMetrics(Meters), TimeProvider.System,
            NullLogger<SupplyChannelRegistry>.Instance);

        Scheduler = new SupplyChannelScheduler(Registry);
        Sessions = new SqliteSessionStore(Database);
        var prechecks = new SqlitePrecheckStore(Database);
        var catalogue = new OfferCatalogue(Options.Create(new CatalogueOptions()));
        var sessionOptions = Options.Create(new SpeedUpSessionOptions
        {
            MaxDuration = maxDuration ?? SpeedUpSessionOptions.ProductMaximum,
            DefaultDuration = maxDuration ?? SpeedUpSessionOptions.ProductMaximum,
        });
        var guard = new PrecheckGuard(prechecks, Time);
        Restorer = new SessionRestorer(Sessions, Scheduler, Locks, Instance, Options.Create(new ClusterOptions()), sessionOptions, SessionMetrics, Time, NullLogger<SessionRestorer>.Instance);
        Reconciler = new SessionReconciler(Sessions, Scheduler, Locks, sessionOptions, SessionMetrics, Time, NullLogger<SessionReconciler>.Instance);
        var precheckOptions = Options.Create(new PrecheckOptions());
        LineLookups = new RecentLineLookups(precheckOptions, Time);
        RealPrecheck = new PrecheckService(locator.Object, Scheduler, catalogue, prechecks, Sessions, precheckOptions, Time, LineLookups);
        OrderStore = new SqliteOrderStore(Database);
        CustomerStore = new SqliteCustomerStore(Database);
        Prices = new PriceList(Options.Create(ProductPricing.Options()));
        RealOrders = new OrderService(guard, catalogue, OrderStore, Prices, Locks, Time);
        var refusals = new RefusedStartRecorder(new SqliteRefusedStartStore(Database), Time, NullLogger<RefusedStartRecorder>.Instance);
        var applier = new SpeedUpApplier(Scheduler, Sessions, Restorer, SessionMetrics, Time, NullLogger<SpeedUpApplier>.Instance, refusals);
        RealService = new SpeedUpSessionService(guard, catalogue, applier, Sessions, Restorer, Locks, sessionOptions, OrderStore, Time);
        Customers = new CustomerService(CustomerStore, Options.Create(new CustomerOptions()), Time);
        Settlement = new SettlementService(new SqliteSettlementStore(Database), Prices, Time);
        Statistics = new StatisticsService(new SqliteStatisticsStore(Database), Time);
        Lookup = new SessionLookupService(new SqliteSessionLookupStore(Database));
        Prechecks = prechecks;
        CustomerStore.SeedAsync(Customer, "Test customer", true, 1_000_000m, Time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
        Precheck = new CustomerPrechecks(this);
        Orders = new CustomerOrders(this);
        Service = new CustomerSessions(this);

        Driver.Add(new SubscriberLine(330100001, "zj0571a0001", Zhejiang, PortRange.All, new LineRates(4000, 50000),
            new LineCapability(20000, 200000, true)));
    }

    /// <summary>Session lookup by address over the harness's database.</summary>
    public SessionLookupService Lookup { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public FakeEquipment Equipment { get; } = new();

    /// <summary>The harness's own meters (the sessions' and channels' instruments).</summary>
    public TestMeterFactory Meters { get; } = new();

    /// <summary>The session instruments of <see cref="Meters"/>.</summary>
    public SessionMetrics SessionMetrics => _sessionMetrics ??= new SessionMetrics(Meters);

    private SessionMetrics? _sessionMetrics;

    public FakeDriverFactory Factory { get; }

    public SupplyChannelRegistry Registry { get; }

    /// <summary>A channel's usage as the shared ledger counts it now.</summary>
    public async Task<ChannelUsage> UsageAsync(string channel)
    {
        await Registry.RefreshUsageAsync(CancellationToken.None);
        return Registry.Channel(channel)!.Capacity.Usage;
    }

    public SupplyChannelScheduler Scheduler { get; }

    /// <summary>The first configured channel's driver.</summary>
    public FakeLineDriver Driver => Factory.Drivers.Values.First();

    public SessionReconciler Reconciler { get; }

    public InProcessLineLocks Locks { get; } = new();

    public InstanceIdentity Instance { get; } = new(Options.Create(new ClusterOptions { InstanceId = "core-tests" }));

    public SqliteDatabase Database { get; }

    public SqliteSessionStore Sessions { get; }

    public SessionRestorer Restorer { get; }

    /// <summary>The pre-checks' reusable line lookups.</summary>
    public RecentLineLookups LineLookups { get; }

    public PrecheckService RealPrecheck { get; }

    public OrderService RealOrders { get; }

    public SpeedUpSessionService RealService { get; }

    public SqlitePrecheckStore Prechecks { get; }

    public SqliteOrderStore OrderStore { get; }

    public SqliteCustomerStore CustomerStore { get; }

    public PriceList Prices { get; }

    public CustomerService Customers { get; }

    public SettlementService Settlement { get; }

    public StatisticsService Statistics { get; }

    /// <summary>Pre-checks for <see cref="Customer"/>.</summary>
    public CustomerPrechecks Precheck { get; }

    /// <summary>Orders for <see cref="Customer"/>.</summary>
    public CustomerOrders Orders { get; }

    /// <summary>Sessions of <see cref="Customer"/>, with a 30-day pack bought before each start when needed.</summary>
    public CustomerSessions Service { get; }

    /// <summary>A Telecom channel serving Zhejiang through the fake equipment.</summary>
    public static SupplyChannelOptions Telecom(string name, Action<SupplyChannelOptions>? configure = null) =>
        FakeDriverFactory.TelecomChannel(name, configure);

    public static StartSpeedUpCommand StartDown(int mbps = 200, int minutes = 0) =>
        new("202.101.172.35", 0, 330100001, (int)Direction.Down, mbps, "game", minutes);

    public static StopSpeedUpCommand StopDown() => new("202.101.172.35", 0, 330100001, (int)Direction.Down);

    internal sealed class CustomerPrechecks(CoreHarness h)
    {
        public Task<PrecheckResult> PrecheckAsync(string? ip, int port, CancellationToken ct) => h.RealPrecheck.PrecheckAsync(Customer, ip, port, ct);
    }

    internal sealed class CustomerOrders(CoreHarness h)
    {
        public Task<Orders.OfferOrder> OrderAsync(long bandId, long offerId, CancellationToken ct) =>
            h.RealOrders.OrderAsync(Customer, bandId, offerId, null, ct);
    }

    internal sealed class CustomerSessions(CoreHarness h)
    {
        public async Task<SpeedUpSession> StartAsync(StartSpeedUpCommand command, CancellationToken ct)
        {
            var now = h.Time.GetUtcNow();
            var direction = (Direction)command.Direction;
            var precheck = await h.Prechecks.FindAsync(Customer, command.BandId, ct);
            var offer = precheck is not null && precheck.IsValidAt(now)
                ? precheck.Offers.FirstOrDefault(o => o.Direction == direction && o.BandwidthMbps == command.TargetBandwidthMbps && o.Product == ProductType.ThirtyDayPack)
                : null;
            if (offer is not null)
            {
                var held = await h.OrderStore.ListLineOrdersAsync(Customer, command.BandId, direction, now, ct);
                if (!held.Any(o => o.Product == ProductType.ThirtyDayPack && o.BandwidthMbps == offer.BandwidthMbps && o.IsValidAt(now)))
                {
                    await h.RealOrders.OrderAsync(Customer, command.BandId, offer.OfferId, null, ct);
                }
            }

            return await h.RealService.StartAsync(Customer, command, ct);
        }

        public Task<SpeedUpSession> StopAsync(StopSpeedUpCommand command, CancellationToken ct) => h.RealService.StopAsync(Customer, command, ct);

        public Task<LineStatus> StatusAsync(long bandId, CancellationToken ct) => h.RealService.StatusAsync(Customer, bandId, ct);
    }

    public void Dispose()
    {
        Registry.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Meters.Dispose();
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
