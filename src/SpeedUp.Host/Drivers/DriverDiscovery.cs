using System.Reflection;
using SpeedUp.Drivers;

namespace SpeedUp.Host.Drivers;

/// <summary>
/// Finds driver factories marked <see cref="DriverFactoryAttribute"/>: in the driver assemblies beside the service
/// (<c>SpeedUp.Drivers.*.dll</c> marked <see cref="DriverAssemblyAttribute"/>) and in a plugin folder (each <c>*.dll</c> with a <c>.deps.json</c>, or in a
/// sub-folder of its own, loaded in its own load context).
/// </summary>
public static class DriverDiscovery
{
    /// <summary>The marked factory types of an assembly.</summary>
    public static IReadOnlyList<Type> FactoryTypes(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttribute<DriverFactoryAttribute>() is not null)
            .Select(t => typeof(ISubscriberLineDriverFactory).IsAssignableFrom(t)
                ? t
                : throw new InvalidOperationException($"{t.FullName} ({assembly.GetName().Name}) is marked [DriverFactory] but does not implement ISubscriberLineDriverFactory."))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The driver assemblies shipped beside the service: the <c>SpeedUp.Drivers.*.dll</c> files of
    /// <paramref name="directory"/> marked <see cref="DriverAssemblyAttribute"/>.
    /// </summary>
    public static IReadOnlyList<Assembly> Shipped(string directory) =>
        [.. Directory.EnumerateFiles(directory, "SpeedUp.Drivers.*.dll")
            .Where(p => !Path.GetFileName(p).Equals("SpeedUp.Drivers.Sdk.dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => Assembly.LoadFrom(p))
            .Where(a => a.GetCustomAttribute<DriverAssemblyAttribute>() is not null)];

    /// <summary>
    /// Loads the plugins of <paramref name="folder"/>: every <c>*.dll</c> directly in it, and in each sub-folder the
    /// <c>*.dll</c> named like the sub-folder. None when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<Assembly> Plugins(string? folder) => Plugins(folder, new PluginAllowList([]), new LoadedDriverPlugins(false));

    /// <summary>
    /// Loads the plugins of <paramref name="folder"/> as <see cref="Plugins(string?)"/> does, each file admitted by
    /// <paramref name="allowList"/> before it is loaded and noted in <paramref name="loaded"/>.
    /// </summary>
    internal static IReadOnlyList<Assembly> Plugins(string? folder, PluginAllowList allowList, LoadedDriverPlugins loaded)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Directory.Exists(folder))
        {
            return [];
        }

        var paths = Directory.EnumerateFiles(folder, "*.dll")
            .Concat(Directory.EnumerateDirectories(folder)
                .Select(d => Path.Combine(d, Path.GetFileName(d) + ".dll"))
                .Where(File.Exists))
            .Order(StringComparer.Ordinal);
        return [.. paths.Select(p =>
        {
            var full = Path.GetFullPath(p);
            return new DriverPluginLoadContext(full, allowList, loaded).LoadPlugin();
        })];
    }
}
