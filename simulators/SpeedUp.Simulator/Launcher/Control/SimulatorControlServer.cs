using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeedUp.Simulator;

/// <summary>
/// The launcher's HTTP/JSON control endpoint (ASP.NET Core minimal APIs on Kestrel, 127.0.0.1 only; docs/simulator.md):
/// list the networks and their faults, set and clear faults, reboot a network, read its audit log. For chaos tests
/// driving simulators that run in another process. The routes are in <see cref="NetworkEndpoints"/>,
/// <see cref="FaultEndpoints"/>, <see cref="RebootEndpoints"/>, <see cref="AuditEndpoints"/> and <see cref="ReceivedEndpoints"/>.
/// </summary>
public sealed class SimulatorControlServer : IAsyncDisposable
{
    /// <summary>The launcher's default port (config key <c>controlPort</c>).</summary>
    public const int DefaultPort = 16199;

    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorControlServer(WebApplication app, int port)
    {
        _app = app;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The endpoint's base address, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts serving <paramref name="networks"/> on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    /// <exception cref="InvalidOperationException">The port cannot be bound.</exception>
    public static SimulatorControlServer Start(IReadOnlyList<(string Name, BrasSimulator Simulator)> networks, int port, ILogger? logger = null) =>
        StartAsync(networks, port, logger).GetAwaiter().GetResult();

    /// <summary>Starts serving <paramref name="networks"/> on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    /// <exception cref="InvalidOperationException">The port cannot be bound.</exception>
    public static async Task<SimulatorControlServer> StartAsync(
        IReadOnlyList<(string Name, BrasSimulator Simulator)> networks, int port, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        // Nothing from the environment or a settings file of the current directory (URLs, Kestrel endpoints) applies here.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.Services.AddSingleton(new ControlNetworks(networks));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });

        var app = builder.Build();
        app.UseControlErrors(logger ?? NullLogger.Instance);
        var group = app.MapGroup("/networks");
        NetworkEndpoints.Map(group);
        FaultEndpoints.Map(group);
        RebootEndpoints.Map(group);
        AuditEndpoints.Map(group);
        ReceivedEndpoints.Map(group);
        ControlErrors.MapUnknownResources(app, group);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The control endpoint cannot listen on 127.0.0.1:{port}: {ex.Message}", ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorControlServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>The launcher handles Ctrl+C and SIGTERM itself; the control endpoint's host must not.</summary>
    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
