using System.Reflection;
using System.Runtime.Loader;

namespace SpeedUp.Host.Drivers;

/// <summary>
/// Loads one plugin assembly with its own private dependencies, but shares with the service every assembly the
/// service already has (the driver SDK above all, so that <c>ISubscriberLineDriverFactory</c> is the same type).
/// </summary>
internal sealed class DriverPluginLoadContext(string pluginPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath), isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

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
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
