using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers.ChinaTelecom.Internal;
using SpeedUp.Protocols.Cli;
using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaTelecom;

/// <summary>
/// Drives a Huawei VRP BRAS through its CLI (docs/simulator.md) over a <see cref="CliSessionPool"/> of up to
/// <see cref="HuaweiCliDriverOptions.MaxSessions"/> authenticated sessions: reads run concurrently on different
/// sessions and are retried once on a fresh session when theirs died; a rate change keeps one session for its
/// whole sequence and is retried only if its session died before the change was sent. Every value is validated
/// before it reaches a command line; every write is confirmed by a read-back.
/// </summary>
public sealed class HuaweiCliDriver : ISubscriberLineDriver, IAsyncDisposable
{
    /// <summary>The device's error text for an unknown subscriber (mapped to LineNotFound).</summary>
    private const string UnknownUserMarker = "The user does not exist";

    private readonly HuaweiCliDriverOptions _options;
    private readonly ILogger _logger;
    private readonly CliOperationRunner _session;

    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session (SSH, or in-memory in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public HuaweiCliDriver(HuaweiCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transportFactory);
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<HuaweiCliDriver>();
        _session = new CliOperationRunner(transportFactory, options, loggerFactory, _logger);
    }

    /// <inheritdoc/>
    public string ChannelName => _options.ChannelName;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        var address = CliValueGuard.RequireIpv4(ipAddress);
        CliValueGuard.RequirePort(port);
        var command = HuaweiCommands.DisplayByIp(address);
        return _session.RunAsync(
            "find-line",
            readOnly: true,
            async (channel, budget, token) =>
            {
                var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
                return AccessUserParser.Parse(response.Output)
                    .FirstOrDefault(line => line.IpAddress.Equals(address) && line.Ports.Contains(port));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var command = HuaweiCommands.DisplayByAccount(line.Account);
        return _session.RunAsync("read-line", readOnly: true, (channel, budget, token) => ReadAsync(channel, budget, command, line, token), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var setCommand = HuaweiCommands.SetCar(line.Account, direction, rateKbps);
        var readCommand = HuaweiCommands.DisplayByAccount(line.Account);
        return _session.RunAsync(
            "set-rate",
            readOnly: false,
            async (channel, budget, token) =>
            {
                await ReturnToUserViewAsync(channel, budget, token).ConfigureAwait(false);
                await ReadAsync(channel, budget, readCommand, line, token).ConfigureAwait(false);
                await ApplyInAaaViewAsync(channel, budget, setCommand, token).ConfigureAwait(false);
                var after = await ReadAsync(channel, budget, readCommand, line, token).ConfigureAwait(false);
                var readBack = after.Current.Of(direction);
                if (readBack != rateKbps)
                {
                    throw new DriverException(
                        DriverFailure.NotConfirmed,
                        $"Channel {ChannelName}: the device accepted {direction} {rateKbps} kbit/s for band {line.BandId} but reads back {readBack} kbit/s.");
                }

                DriverLog.RateSet(_logger, ChannelName, direction, line.BandId, rateKbps, readBack);
                return after.Current;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var prompt = await _session.RunAsync(
                "probe",
                readOnly: true,
                async (channel, budget, token) => (await SendAsync(channel, budget, "", token).ConfigureAwait(false)).Prompt,
                cancellationToken).ConfigureAwait(false);
            return new DriverHealth(true, $"CLI answered with prompt {prompt}", Stopwatch.GetElapsedTime(started));
        }
        catch (DriverException exception)
        {
            return new DriverHealth(false, $"{exception.Failure}: {exception.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The session pool (counters: open, leased, opened, reconnects).</summary>
    public CliSessionPool Sessions => _session.Pool;

    /// <summary>
    /// Stops new operations (they throw <see cref="ObjectDisposedException"/>), waits up to <paramref name="timeout"/>
    /// for running ones, then closes every session.
    /// </summary>
    /// <returns>True when every running operation finished in time.</returns>
    public Task<bool> DrainAsync(TimeSpan timeout) => _session.DrainAsync(timeout);

    /// <summary>Drains (10 s grace) and closes the sessions.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<SubscriberLine> ReadAsync(CliChannel channel, CliOperationBudget budget, string command, LineReference line, CancellationToken token)
    {
        var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
        var lines = AccessUserParser.Parse(response.Output);
        var found = lines.FirstOrDefault(candidate => string.Equals(candidate.Account, line.Account, StringComparison.Ordinal))
            ?? throw new DriverException(DriverFailure.LineNotFound, $"Channel {ChannelName}: no subscriber '{line.Account}' on the device.");
        if (found.BandId != line.BandId)
        {
            throw new DriverException(
                DriverFailure.LineNotFound,
                $"Channel {ChannelName}: subscriber '{line.Account}' has band id {found.BandId} on the device, not {line.BandId} (line re-provisioned?).");
        }

        return found;
    }

    private async Task ApplyInAaaViewAsync(CliChannel channel, CliOperationBudget budget, string command, CancellationToken token)
    {
        await SendAsync(channel, budget, HuaweiCommands.SystemView, token).ConfigureAwait(false);
        CliResponse result;
        try
        {
            var aaa = await SendAsync(channel, budget, HuaweiCommands.Aaa, token).ConfigureAwait(false);
            if (!aaa.Prompt.EndsWith("-aaa]", StringComparison.OrdinalIgnoreCase))
            {
                throw new DriverException(DriverFailure.ProtocolError, $"Channel {ChannelName}: 'aaa' did not enter the AAA view (prompt {aaa.Prompt}).");
            }

            budget.WriteSent = true;
            result = await channel.SendCommandAsync(command, budget.Remaining, token).ConfigureAwait(false);
        }
        catch (DriverException)
        {
            await TryReturnToUserViewAsync(channel, budget, token).ConfigureAwait(false);
            throw;
        }

        await ReturnToUserViewAsync(channel, budget, token).ConfigureAwait(false);
        CliDriverErrors.ThrowIfFailed(result, ChannelName, UnknownUserMarker);
    }

    private async Task ReturnToUserViewAsync(CliChannel channel, CliOperationBudget budget, CancellationToken token)
    {
        if (IsUserView(channel.LastPrompt))
        {
            return;
        }

        var response = await SendAsync(channel, budget, HuaweiCommands.Return, token).ConfigureAwait(false);
        if (!IsUserView(response.Prompt))
        {
            throw new DriverException(DriverFailure.ProtocolError, $"Channel {ChannelName}: 'return' did not lead back to the user view (prompt {response.Prompt}).");
        }
    }

    private async Task TryReturnToUserViewAsync(CliChannel channel, CliOperationBudget budget, CancellationToken token)
    {
        try
        {
            await ReturnToUserViewAsync(channel, budget, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DriverException or CliException)
        {
            // The original failure matters more; the next operation returns to the user view first.
        }
    }

    private async Task<CliResponse> SendAsync(CliChannel channel, CliOperationBudget budget, string command, CancellationToken token)
    {
        var response = await channel.SendCommandAsync(command, budget.Remaining, token).ConfigureAwait(false);
        CliDriverErrors.ThrowIfFailed(response, ChannelName, UnknownUserMarker);
        return response;
    }

    private static bool IsUserView(string prompt) => prompt.EndsWith('>');
}
