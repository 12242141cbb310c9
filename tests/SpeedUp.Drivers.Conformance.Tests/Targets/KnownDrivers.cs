using Microsoft.Extensions.DependencyInjection;

namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>The drivers the service registers, and what each declares to the conformance kit.</summary>
public static class KnownDrivers
{
    /// <summary>What each registered driver declares (name, settable directions, known deviations).</summary>
    public static IReadOnlyDictionary<string, DriverDeclaration> Declarations { get; } = new Dictionary<string, DriverDeclaration>(StringComparer.Ordinal)
    {
        ["huawei-cli-ssh"] = new("huawei-cli-ssh", [Direction.Up, Direction.Down]),
        ["zte-cli-ssh"] = new("zte-cli-ssh", [Direction.Up, Direction.Down]),
        ["h3c-cli-ssh"] = new("h3c-cli-ssh", [Direction.Up, Direction.Down]),
        ["zte-snmp"] = new("zte-snmp", [Direction.Up, Direction.Down]),
    };

    /// <summary>The service's registrations (the same extension methods SpeedUpApplication calls).</summary>
    public static IServiceCollection Registrations() => new ServiceCollection().AddChinaTelecomDrivers().AddChinaUnicomDrivers();

    /// <summary>The drivers added as data: every <c>drivers/dialects/*.dialect.json</c> (the service loads them from SpeedUp:Drivers:DialectDirectory).</summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> DialectFactories() =>
    [
        .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "drivers", "dialects"), "*.dialect.json")
            .Select(path => new SpeedUp.Protocols.Cli.Dialects.DialectCliDriverFactory(SpeedUp.Protocols.Cli.Dialects.DialectLoader.LoadFile(path))),
    ];

    /// <summary>One instance of every registered factory: the built-in drivers and the dialect files.</summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> CreateFactories() =>
    [
        .. Registrations()
            .Where(descriptor => descriptor.ServiceType == typeof(ISubscriberLineDriverFactory))
            .Select(descriptor => (ISubscriberLineDriverFactory)Activator.CreateInstance(descriptor.ImplementationType!, [null])!),
        .. DialectFactories(),
    ];
}
