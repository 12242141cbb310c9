using System.Net;
using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;
using SpeedUp.Protocols.Cli.Dialects;

namespace SpeedUp.Drivers.ChinaUnicom;

/// <summary>
/// Drives a ZTE ZXR10 BRAS through its CLI (docs/simulator.md, ZTE face): the data-driven <see cref="DialectCliDriver"/> with
/// <see cref="ZteCliDialect.Definition"/>. Reads run concurrently on up to <see cref="Protocols.Cli.Drivers.CliDriverOptions.MaxSessions"/>
/// sessions and are retried once on a fresh session when theirs died; a rate change keeps one session for its whole
/// sequence (exec → <c>configure terminal</c> → change, answering <c>[yes/no]</c> → <c>end</c> → read-back) and is
/// retried only if its session died before the change was sent.
/// </summary>
public sealed class ZteCliDriver : ISubscriberLineDriver, IDriverDryRun, IAsyncDisposable
{
    private readonly DialectCliDriver _driver;

    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session (SSH, or in-memory in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public ZteCliDriver(ZteCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
        : this(ZteCliDialect.Definition, options, transportFactory, loggerFactory)
    {
    }

    /// <summary>Creates a driver for a device with its own prompt patterns (<see cref="CompiledDialect.WithPrompts"/>).</summary>
    /// <param name="dialect">The dialect, as compiled for this device; <paramref name="options"/>' dialect should be its <see cref="CompiledDialect.Cli"/>.</param>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session.</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public ZteCliDriver(CompiledDialect dialect, ZteCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null) =>
        _driver = new DialectCliDriver(dialect, options, transportFactory, loggerFactory);

    /// <inheritdoc/>
    public string ChannelName => _driver.ChannelName;

    /// <summary>The session pool (counters: open, leased, opened, reconnects).</summary>
    public CliSessionPool Sessions => _driver.Sessions;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        _driver.FindLineAsync(ipAddress, port, cancellationToken);

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
        _driver.ReadLineAsync(line, cancellationToken);

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        _driver.SetRateAsync(line, direction, rateKbps, cancellationToken);

    /// <inheritdoc/>
    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) => _driver.ProbeAsync(cancellationToken);

    /// <inheritdoc/>
    public DryRunPlan Render(DriverOperation operation) => _driver.Render(operation);

    /// <summary>Stops new operations, waits up to <paramref name="timeout"/> for running ones, then closes every session.</summary>
    /// <returns>True when every running operation finished in time.</returns>
    public Task<bool> DrainAsync(TimeSpan timeout) => _driver.DrainAsync(timeout);

    /// <summary>Drains and closes the sessions.</summary>
    public ValueTask DisposeAsync() => _driver.DisposeAsync();
}
