using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers.ChinaUnicom.Internal;
using SpeedUp.Protocols.Cli;
using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaUnicom;

/// <summary>
/// Drives a ZTE ZXR10 BRAS through its CLI (docs/simulator.md, ZTE grammar) over a <see cref="CliSessionPool"/> of
/// up to <see cref="ZteCliDriverOptions.MaxSessions"/> authenticated sessions: reads run concurrently on different
/// sessions and are retried once on a fresh session when theirs died; a rate change keeps one session for its
/// whole sequence and is retried only if its session died before the change was sent. Every value is validated
/// before it reaches a command line; every write is confirmed by a read-back; a <c>[yes/no]</c> confirmation is
/// answered with <see cref="ZteCliDialect.ConfirmationAnswer"/>.
/// </summary>
public sealed class ZteCliDriver : ISubscriberLineDriver, IAsyncDisposable
{
    /// <summary>The device's error text for an unknown subscriber (mapped to LineNotFound).</summary>
    private const string UnknownSubscriberMarker = "% Unknown subscriber";

    private readonly ZteCliDriverOptions _options;
    private readonly ILogger _logger;
    private readonly CliOperationRunner _session;

    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session (SSH, or in-memory in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public ZteCliDriver(ZteCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transportFactory);
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ZteCliDriver>();
        _session = new CliOperationRunner(transportFactory, options, loggerFactory, _logger);
    }

    /// <inheritdoc/>
    public string ChannelName => _options.ChannelName;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        var address = CliValueGuard.RequireIpv4(ipAddress);
        CliValueGuard.RequirePort(port);
        var command = ZteCliCommands.ShowByIp(address);
        return _session.RunAsync(
            "find-line",
            readOnly: true,
            async (channel, budget, token) =>
            {
                await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
                var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
                return ZteSubscriberParser.Parse(response.Output)
                    .FirstOrDefault(line => line.IpAddress.Equals(address) && line.Ports.Contains(port));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var command = ZteCliCommands.ShowByAccount(line.Account);
        return _session.RunAsync(
            "read-line",
            readOnly: true,
            async (channel, budget, token) =>
            {
                await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
                return await ReadAsync(channel, budget, command, line, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var setCommand = ZteCliCommands.RateLimit(line.Account, direction, rateKbps);
        var readCommand = ZteCliCommands.ShowByAccount(line.Account);
        return _session.RunAsync(
            "set-rate",
            readOnly: false,
            async (channel, budget, token) =>
            {
                await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
                await ReadAsync(channel, budget, readCommand, line, token).ConfigureAwait(false);
                await ApplyInConfigAsync(channel, budget, setCommand, token).ConfigureAwait(false);
                var after = await ReadAsync(channel, budget, readCommand, line, token).ConfigureAwait(false);
                var readBack = after.Current.Of(direction);
                if (readBack != rateKbps)
                {
                    throw new DriverException(
                        DriverFailure.NotConfirmed,
                        $"Channel {ChannelName}: the device accepted {direction} {rateKbps} kbit/s for band {line.BandId} but reads back {readBack} kbit/s.");
                }

                ZteCliLog.RateSet(_logger, ChannelName, direction, line.BandId, rateKbps, readBack);
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

    /// <summary>Drains and closes the sessions.</summary>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<SubscriberLine> ReadAsync(CliChannel channel, CliOperationBudget budget, string command, LineReference line, CancellationToken token)
    {
        var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
        var found = ZteSubscriberParser.Parse(response.Output)
            .FirstOrDefault(candidate => string.Equals(candidate.Account, line.Account, StringComparison.Ordinal))
            ?? throw new DriverException(DriverFailure.LineNotFound, $"Channel {ChannelName}: no subscriber '{line.Account}' on the device.");
        if (found.BandId != line.BandId)
        {
            throw new DriverException(
                DriverFailure.LineNotFound,
                $"Channel {ChannelName}: subscriber '{line.Account}' has band id {found.BandId} on the device, not {line.BandId} (line re-provisioned?).");
        }

        return found;
    }

    private async Task ApplyInConfigAsync(CliChannel channel, CliOperationBudget budget, string command, CancellationToken token)
    {
        CliResponse result;
        try
        {
            var config = await SendAsync(channel, budget, ZteCliCommands.ConfigureTerminal, token).ConfigureAwait(false);
            if (!config.Prompt.EndsWith("(config)#", StringComparison.OrdinalIgnoreCase))
            {
                throw new DriverException(DriverFailure.ProtocolError, $"Channel {ChannelName}: 'configure terminal' did not enter the configuration view (prompt {config.Prompt}).");
            }

            budget.WriteSent = true;
            result = await channel.SendCommandAsync(command, budget.Remaining, token).ConfigureAwait(false);
            if (result.ErrorLine is null && ZteCliDialect.IsConfirmation(result.Prompt))
            {
                result = await channel.SendCommandAsync(ZteCliDialect.ConfirmationAnswer, budget.Remaining, token).ConfigureAwait(false);
                result = result with { Command = command };
            }
        }
        catch (DriverException)
        {
            await TryReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
            throw;
        }

        await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
        CliDriverErrors.ThrowIfFailed(result, ChannelName, UnknownSubscriberMarker);
    }

    private async Task ReturnToExecAsync(CliChannel channel, CliOperationBudget budget, CancellationToken token)
    {
        if (ZteCliDialect.IsExecView(channel.LastPrompt))
        {
            return;
        }

        if (ZteCliDialect.IsConfirmation(channel.LastPrompt))
        {
            // A question left open (e.g. by a timeout elsewhere): decline it before anything else.
            await channel.SendCommandAsync("no", budget.Remaining, token).ConfigureAwait(false);
            if (ZteCliDialect.IsExecView(channel.LastPrompt))
            {
                return;
            }
        }

        var response = await SendAsync(channel, budget, ZteCliCommands.End, token).ConfigureAwait(false);
        if (!ZteCliDialect.IsExecView(response.Prompt))
        {
            throw new DriverException(DriverFailure.ProtocolError, $"Channel {ChannelName}: 'end' did not lead back to the exec view (prompt {response.Prompt}).");
        }
    }

    private async Task TryReturnToExecAsync(CliChannel channel, CliOperationBudget budget, CancellationToken token)
    {
        try
        {
            await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DriverException or CliException)
        {
            // The original failure matters more; the next operation returns to the exec view first.
        }
    }

    private async Task<CliResponse> SendAsync(CliChannel channel, CliOperationBudget budget, string command, CancellationToken token)
    {
        var response = await channel.SendCommandAsync(command, budget.Remaining, token).ConfigureAwait(false);
        CliDriverErrors.ThrowIfFailed(response, ChannelName, UnknownSubscriberMarker);
        return response;
    }
}
