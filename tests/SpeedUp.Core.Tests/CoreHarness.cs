using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Location;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Core.Tests;

/// <summary>The domain services wired over a real SQLite file, a fake clock and a fake line table.</summary>
internal sealed class CoreHarness : IDisposable
{
    public const string Channel = "ct-test";
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
        Registry = new SupplyChannelRegistry(Options.Create(scheduler), [Factory], TimeProvider.System, NullLogger<SupplyChannelRegistry>.Instance);

        Database = new SqliteDatabase(Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(_directory, "t.db") }));
        Sessions = new SqliteSessionStore(Database);
        var prechecks = new SqlitePrecheckStore(Database);
        var catalogue = new OfferCatalogue(Options.Create(new CatalogueOptions()));
        var sessionOptions = Options.Create(new SpeedUpSessionOptions
        {
            MaxDuration = maxDuration ?? SpeedUpSessionOptions.ProductMaximum,
            DefaultDuration = maxDuration ?? SpeedUpSessionOptions.ProductMaximum,
        });
        var guard = new PrecheckGuard(prechecks, Time);
        Restorer = new SessionRestorer(Sessions, Registry, Locks, Time, NullLogger<SessionRestorer>.Instance);
        Reconciler = new SessionReconciler(Sessions, Registry, Restorer, Locks, Time, NullLogger<SessionReconciler>.Instance);
        Precheck = new PrecheckService(locator.Object, Registry, new ChannelFailover(Registry), catalogue, prechecks, Options.Create(new PrecheckOptions()), Time);
        Orders = new OrderService(guard, new SqliteOrderStore(Database), Time);
        var applier = new SpeedUpApplier(Registry, Sessions, Restorer, Time, NullLogger<SpeedUpApplier>.Instance);
        Service = new SpeedUpSessionService(guard, catalogue, applier, Sessions, Restorer, Locks, sessionOptions);

        Driver.Add(new SubscriberLine(330100001, "zj0571a0001", Zhejiang, PortRange.All, new LineRates(4000, 50000),
            new LineCapability(20000, 200000, true)));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public FakeEquipment Equipment { get; } = new();

    public FakeDriverFactory Factory { get; }

    public SupplyChannelRegistry Registry { get; }

    /// <summary>The first configured channel's driver.</summary>
    public FakeLineDriver Driver => Factory.Drivers.Values.First();

    public SessionReconciler Reconciler { get; }

    public LineLocks Locks { get; } = new();

    public SqliteDatabase Database { get; }

    public SqliteSessionStore Sessions { get; }

    public SessionRestorer Restorer { get; }

    public PrecheckService Precheck { get; }

    public OrderService Orders { get; }

    public SpeedUpSessionService Service { get; }

    /// <summary>A Telecom channel serving Zhejiang through the fake equipment.</summary>
    public static SupplyChannelOptions Telecom(string name, Action<SupplyChannelOptions>? configure = null)
    {
        var options = new SupplyChannelOptions { Name = name, Carrier = Carrier.ChinaTelecom, Driver = FakeDriverFactory.Name, Port = 1 };
        options.Provinces.Add("Zhejiang");
        configure?.Invoke(options);
        return options;
    }

    public static StartSpeedUpCommand StartDown(int mbps = 200, int minutes = 0) =>
        new("202.101.172.35", 0, 330100001, (int)Direction.Down, mbps, "game", minutes);

    public static StopSpeedUpCommand StopDown() => new("202.101.172.35", 0, 330100001, (int)Direction.Down);

    public void Dispose()
    {
        Registry.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
