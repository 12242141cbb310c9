namespace SpeedUp.Host.Drivers;

/// <summary>Where drivers come from besides the shipped ones (section <c>SpeedUp:Drivers</c>; relative paths from the service's folder).</summary>
public sealed class DriverLoadingOptions
{
    /// <summary>A folder of driver plugins (assemblies with <see cref="SpeedUp.Drivers.DriverFactoryAttribute"/> factories); none when unset.</summary>
    public string? PluginDirectory { get; set; }

    /// <summary>A folder of extra CLI dialect definitions (<c>*.dialect.json</c>), each a driver; none when unset.</summary>
    public string? DialectDirectory { get; set; }
}
