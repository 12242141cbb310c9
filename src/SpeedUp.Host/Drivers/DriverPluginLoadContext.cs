using System.Reflection;
using System.Runtime.Loader;

namespace SpeedUp.Host.Drivers;

/// <summary>
/// Loads one plugin assembly with its own private dependencies, but shares with the service every assembly the
/// service already has (the driver SDK above all, so that <c>ISubscriberLineDriverFactory</c> is the same type).
/// Every file it loads — the plugin and its private dependencies — passes the <see cref="PluginAllowList"/> first.
/// </summary>
internal sealed class DriverPluginLoadContext(string pluginPath, PluginAllowList allowList, LoadedDriverPlugins loaded)
    : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath), isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    /// <summary>Loads the plugin assembly itself, once its digest is admitted.</summary>
    public Assembly LoadPlugin() => LoadAdmitted(pluginPath);

    private Assembly LoadAdmitted(string path)
    {
        var digest = allowList.Admit(path);
        var assembly = LoadFromAssemblyPath(path);
        loaded.Add(new LoadedDriverPlugin(path, digest));
        return assembly;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared: anything the service can load itself (SDK, protocol stacks, Microsoft.Extensions.*, the runtime).
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadAdmitted(path);
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
