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
        ["huawei-coa"] = new("huawei-coa", [Direction.Up, Direction.Down]),
        ["zte-coa"] = new("zte-coa", [Direction.Up, Direction.Down]),
    };

    /// <summary>The service's registrations (the same extension methods SpeedUpApplication calls).</summary>
    public static IServiceCollection Registrations() => new ServiceCollection().AddHuaweiDrivers().AddZteDrivers().AddCoaDrivers();

    /// <summary>
    /// The drivers added as data: every <c>drivers/dialects/*.dialect.json</c> whose driver has no code of its own (the
    /// service ships them in its SpeedUp:Drivers:DialectDirectory; the Huawei and ZTE dialects are embedded in their drivers).
    /// </summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> DialectFactories()
    {
        var coded = CodedFactories().Select(f => f.DriverName).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "drivers", "dialects"), "*.dialect.json")
                .Select(SpeedUp.Drivers.Cli.Dialects.DialectLoader.LoadFile)
                .Where(dialect => !coded.Contains(dialect.Definition.Driver))
                .Select(dialect => new SpeedUp.Drivers.Cli.Dialects.DialectCliDriverFactory(dialect)),
        ];
    }

    /// <summary>One instance of every registered factory: the built-in drivers and the dialect files.</summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> CreateFactories() =>
    [
        .. CodedFactories(),
        .. DialectFactories(),
    ];

    private static IEnumerable<ISubscriberLineDriverFactory> CodedFactories() =>
        Registrations()
            .Where(descriptor => descriptor.ServiceType == typeof(ISubscriberLineDriverFactory))
            .Select(descriptor => (ISubscriberLineDriverFactory)Activator.CreateInstance(
                descriptor.ImplementationType!, new object?[descriptor.ImplementationType!.GetConstructors()[0].GetParameters().Length])!);
}
