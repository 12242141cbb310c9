using Microsoft.Extensions.DependencyInjection;

namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>The drivers the service registers, and what each declares to the conformance kit — derived, never listed by hand.</summary>
public static class KnownDrivers
{
    /// <summary>What each registered driver declares: its name and both directions (every driver of this service sets up and down).</summary>
    public static IReadOnlyDictionary<string, DriverDeclaration> Declarations { get; } = CreateFactories()
        .ToDictionary(factory => factory.DriverName, factory => new DriverDeclaration(factory.DriverName, [Direction.Up, Direction.Down]), StringComparer.Ordinal);

    /// <summary>The service's registrations (the same extension methods SpeedUpApplication calls).</summary>
    public static IServiceCollection Registrations() => new ServiceCollection().AddHuaweiDrivers().AddZteDrivers().AddCoaDrivers();

    /// <summary>
    /// The vendors added as files: every <c>drivers/dialects/*.dialect.json</c> whose driver has no code of its own (the
    /// service ships them in its SpeedUp:Drivers:DialectDirectory; the Huawei and ZTE dialects are embedded in their drivers).
    /// </summary>
    public static IReadOnlyList<DialectVendor> DialectVendors()
    {
        var coded = CodedFactories().Select(f => f.DriverName).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Runner.DialectVendors.InRepository(RepositoryFiles.Root)
                .Where(vendor => !coded.Contains(SpeedUp.Drivers.Cli.Dialects.DialectLoader.LoadFile(vendor.DialectPath).Definition.Driver)),
        ];
    }

    /// <summary>The driver factories the dialect files make.</summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> DialectFactories() =>
    [
        .. DialectVendors().Select(vendor => new SpeedUp.Drivers.Cli.Dialects.DialectCliDriverFactory(SpeedUp.Drivers.Cli.Dialects.DialectLoader.LoadFile(vendor.DialectPath))),
    ];

    /// <summary>One instance of every registered factory: the built-in drivers and the dialect files.</summary>
    public static IReadOnlyList<ISubscriberLineDriverFactory> CreateFactories() =>
    [
        .. CodedFactories(),
        .. DialectFactories(),
    ];

    /// <summary>The factories with code of their own (registered by the drivers' extension methods).</summary>
    public static IEnumerable<ISubscriberLineDriverFactory> CodedFactories() =>
        Registrations()
            .Where(descriptor => descriptor.ServiceType == typeof(ISubscriberLineDriverFactory))
            .Select(descriptor => (ISubscriberLineDriverFactory)Activator.CreateInstance(
                descriptor.ImplementationType!, new object?[descriptor.ImplementationType!.GetConstructors()[0].GetParameters().Length])!);
}
