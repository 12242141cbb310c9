namespace SpeedUp.Drivers;

/// <summary>
/// Marks an <see cref="ISubscriberLineDriverFactory"/> for discovery: the service registers every marked factory of
/// its driver assemblies (<c>SpeedUp.Drivers.*.dll</c> beside it) and of the plugin folder
/// (<c>SpeedUp:Drivers:PluginDirectory</c>) — there is no central table to edit. The class must be public, not
/// abstract, with a public constructor whose parameters the container can supply (e.g. an optional
/// <c>ILoggerFactory</c>). Two factories with the same <see cref="ISubscriberLineDriverFactory.DriverName"/> stop the
/// service at start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DriverFactoryAttribute : Attribute;

/// <summary>
/// Marks an assembly as a driver assembly: the service scans the <c>SpeedUp.Drivers.*.dll</c> files beside it that
/// carry this attribute for <see cref="DriverFactoryAttribute"/> factories. In a project file:
/// <c>&lt;AssemblyAttribute Include="SpeedUp.Drivers.DriverAssemblyAttribute" /&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class DriverAssemblyAttribute : Attribute;
