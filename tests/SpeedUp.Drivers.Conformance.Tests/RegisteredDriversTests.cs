using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>Every driver the service registers (built-in and dialect files) runs the conformance kit, and declares what it implements.</summary>
public sealed class RegisteredDriversTests
{
    [Fact]
    public async Task EveryRegisteredDriver_HasADeclaration_AndAConformanceClass()
    {
        var registered = KnownDrivers.CreateFactories().Select(factory => factory.DriverName).ToHashSet(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(RegisteredDriversTests).Assembly.GetTypes().Where(type => !type.IsAbstract && type.BaseType is { IsGenericType: true } generic
                     && generic.GetGenericTypeDefinition() == typeof(DriverConformanceTests<>)))
        {
            var targetType = type.BaseType!.GetGenericArguments()[0];
            if (!typeof(SimulatorTarget).IsAssignableFrom(targetType))
            {
                continue;
            }

            var target = (SimulatorTarget)Activator.CreateInstance(targetType)!;
            covered.Add(target.Factory.DriverName);
            await target.DisposeAsync();
        }

        Assert.Equal(["h3c-cli-ssh", "huawei-cli-ssh", "huawei-coa", "zte-cli-ssh", "zte-coa", "zte-snmp"], registered.Order(StringComparer.Ordinal));
        Assert.Equal(registered.Order(StringComparer.Ordinal), KnownDrivers.Declarations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(registered.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }
}
