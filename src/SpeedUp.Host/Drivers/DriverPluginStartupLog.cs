namespace SpeedUp.Host.Drivers;

/// <summary>At start-up, logs each driver plugin assembly loaded with its SHA-256, and whether an allow-list vetted it.</summary>
internal sealed partial class DriverPluginStartupLog(LoadedDriverPlugins plugins, ILogger<DriverPluginStartupLog> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins.All)
        {
            if (plugins.AllowListed)
            {
                LogAllowed(plugin.Path, plugin.Sha256, PluginAllowList.Key);
            }
            else
            {
                LogLoaded(plugin.Path, plugin.Sha256, PluginAllowList.Key);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "Driver plugin {Path} loaded, SHA-256 {Sha256} (listed in {Key})")]
    private partial void LogAllowed(string path, string sha256, string key);

    [LoggerMessage(EventId = 6031, Level = LogLevel.Warning,
        Message = "Driver plugin {Path} loaded, SHA-256 {Sha256}, without an allow-list: set {Key} to load only the plugins you vetted")]
    private partial void LogLoaded(string path, string sha256, string key);
}
