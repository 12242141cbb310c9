namespace SpeedUp.Host.Drivers;

/// <summary>Where drivers come from besides the shipped ones (section <c>SpeedUp:Drivers</c>; relative paths from the service's folder).</summary>
public sealed class DriverLoadingOptions
{
    /// <summary>A folder of driver plugins (assemblies with <see cref="SpeedUp.Drivers.DriverFactoryAttribute"/> factories); none when unset.</summary>
    public string? PluginDirectory { get; set; }

    /// <summary>
    /// The SHA-256 digests (64 hex digits) of the plugin assemblies that may load (<c>SpeedUp:Drivers:PluginSha256:N</c>).
    /// Empty (default): every plugin loads and is logged with its digest, at warning. Set: any other plugin file stops
    /// the service with a message naming the file and its digest.
    /// </summary>
    public List<string> PluginSha256 { get; set; } = [];

    /// <summary>A folder of extra CLI dialect definitions (<c>*.dialect.json</c>), each a driver; none when unset.</summary>
    public string? DialectDirectory { get; set; }
}
