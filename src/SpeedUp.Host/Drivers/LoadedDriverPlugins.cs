namespace SpeedUp.Host.Drivers;

/// <summary>One plugin assembly the service loaded, and its SHA-256.</summary>
internal sealed record LoadedDriverPlugin(string Path, string Sha256);

/// <summary>The plugin assemblies loaded at registration, for the start-up log (<see cref="DriverPluginStartupLog"/>).</summary>
internal sealed class LoadedDriverPlugins(bool allowListed)
{
    private readonly List<LoadedDriverPlugin> _plugins = [];
    private readonly Lock _sync = new();

    /// <summary>Whether an allow-list was configured.</summary>
    public bool AllowListed => allowListed;

    /// <summary>Every assembly loaded so far, in load order.</summary>
    public IReadOnlyList<LoadedDriverPlugin> All
    {
        get
        {
            lock (_sync)
            {
                return [.. _plugins];
            }
        }
    }

    /// <summary>Notes a loaded assembly.</summary>
    public void Add(LoadedDriverPlugin plugin)
    {
        lock (_sync)
        {
            _plugins.Add(plugin);
        }
    }
}
