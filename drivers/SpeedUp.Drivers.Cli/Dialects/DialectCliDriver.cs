using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// An SSH CLI driver whose whole dialect is data (<see cref="CompiledDialect"/>). Operations run on a
/// <see cref="CliSessionPool"/> through <see cref="CliOperationRunner"/>: every operation first returns to the exec
/// view (declining a question left open); find and read send the dialect's command and parse its output; a rate
/// change reads the line, enters the configuration view, sends the change (answering the dialect's confirmation),
/// returns to the exec view and reads back. Every value is validated before it reaches a command line; every write
/// is confirmed by a read-back; an error line is Rejected, or LineNotFound when it carries a "not found" text.
/// Vendor drivers that ship an embedded dialect (<c>HuaweiCliDriver</c>, <c>ZteCliDriver</c>) only add constructors.
/// </summary>
public class DialectCliDriver : ISubscriberLineDriver, IDriverDryRun, IDriverConcurrency, IAsyncDisposable
{
    private readonly CompiledDialect _dialect;
    private readonly DialectOutputParser _parser;
    private readonly CliDriverOptions _options;
    private readonly ILogger _logger;
    private readonly CliOperationRunner _session;

    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="dialect">The dialect (its <see cref="CompiledDialect.Cli"/> should be <paramref name="options"/>' dialect).</param>
    /// <param name="options">Channel name, timeout, sessions, transcript.</param>
    /// <param name="transportFactory">A fresh, unopened transport per session (SSH, or in-memory / replay in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public DialectCliDriver(CompiledDialect dialect, CliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transportFactory);
        _dialect = dialect;
        _parser = new DialectOutputParser(dialect);
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("SpeedUp.Drivers.Cli." + dialect.Name);
        _session = new CliOperationRunner(transportFactory, options, loggerFactory, _logger);
    }

    /// <inheritdoc/>
    public string ChannelName => _options.ChannelName;

    /// <summary>The dialect this driver speaks.</summary>
    public CompiledDialect Dialect => _dialect;

    /// <summary>The session pool (counters: open, leased, opened, reconnects).</summary>
    public CliSessionPool Sessions => _session.Pool;

    /// <inheritdoc />
    public int MaxConcurrentOperations => Sessions.MaxSessions;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        var address = CliValueGuard.RequireIpv4(ipAddress);
        CliValueGuard.RequirePort(port);
        var command = _dialect.FindByAddress(address);
        return _session.RunAsync(
            "find-line",
            readOnly: true,
            async (channel, budget, token) =>
            {
                await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
                var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
                return _parser.Parse(response.Output).FirstOrDefault(line => line.IpAddress.Equals(address) && line.Ports.Contains(port));
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var command = _dialect.ReadByAccount(line.Account);
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
        var setCommand = _dialect.SetRate(line.Account, direction, rateKbps);
        var readCommand = _dialect.ReadByAccount(line.Account);
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

                CliDriverLog.RateSet(_logger, ChannelName, direction, line.BandId, rateKbps, readBack);
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

    /// <inheritdoc/>
    public DryRunPlan Render(DriverOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var commands = _dialect.Definition.Commands;
        var steps = new List<DryRunStep>();
        void Return() => steps.AddRange(commands.ReturnToExec.Select(c => new DryRunStep(c, "only when not in the exec view")));
        switch (operation.Kind)
        {
            case DriverOperationKind.FindLine:
                var address = _dialect.FindByAddress(operation.Address ?? throw new DriverException(DriverFailure.InvalidValue, "FindLine needs an address."));
                CliValueGuard.RequirePort(operation.Port);
                Return();
                steps.Add(new DryRunStep(address, $"subscribers on that address; the one whose port block holds {operation.Port}"));
                break;
            case DriverOperationKind.ReadLine:
                Return();
                steps.Add(new DryRunStep(_dialect.ReadByAccount(RequireLine(operation).Account)));
                break;
            case DriverOperationKind.SetRate:
                var line = RequireLine(operation);
                var set = _dialect.SetRate(line.Account, operation.Direction, operation.RateKbps);
                var read = _dialect.ReadByAccount(line.Account);
                Return();
                steps.Add(new DryRunStep(read, "the line exists and is this band id"));
                steps.AddRange(commands.EnterConfig.Select(c => new DryRunStep(c, "to the configuration view")));
                steps.Add(new DryRunStep(set, "the change"));
                steps.AddRange(_dialect.Confirmations.Select(c => new DryRunStep(c.Answer.Answer, $"only if the device asks (prompt matching {c.Pattern})")));
                steps.AddRange(commands.ReturnToExec.Select(c => new DryRunStep(c, "back to the exec view")));
                steps.Add(new DryRunStep(read, $"read-back: must show {operation.RateKbps} kbit/s {operation.Direction}"));
                break;
            default:
                steps.Add(new DryRunStep("", "an empty line: the device answers with its prompt"));
                break;
        }

        var definition = _dialect.Definition;
        return new DryRunPlan(ChannelName, "ssh-cli " + _dialect.Name, steps)
        {
            Session =
            [
                .. definition.OnOpen.Select(c => new DryRunStep(c, "when a session opens")),
                .. definition.Confirmations.Select(c => new DryRunStep(c.Decline, "declines a question a failed operation left open")),
                .. definition.OnClose.Select(c => new DryRunStep(c, "when a session closes")),
            ],
        };
    }

    /// <summary>
    /// Stops new operations (they throw <see cref="ObjectDisposedException"/>), waits up to <paramref name="timeout"/>
    /// for running ones, then closes every session.
    /// </summary>
    /// <returns>True when every running operation finished in time.</returns>
    public Task<bool> DrainAsync(TimeSpan timeout) => _session.DrainAsync(timeout);

    /// <summary>Drains and closes the sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private static LineReference RequireLine(DriverOperation operation) =>
        operation.Line ?? throw new DriverException(DriverFailure.InvalidValue, $"{operation.Kind} needs a line (band id and account).");

    private async Task<SubscriberLine> ReadAsync(CliChannel channel, CliOperationBudget budget, string command, LineReference line, CancellationToken token)
    {
        var response = await SendAsync(channel, budget, command, token).ConfigureAwait(false);
        var found = _parser.Parse(response.Output).FirstOrDefault(candidate => string.Equals(candidate.Account, line.Account, StringComparison.Ordinal))
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
            CliResponse? entered = null;
            foreach (var step in _dialect.Definition.Commands.EnterConfig)
            {
                entered = await SendAsync(channel, budget, step, token).ConfigureAwait(false);
            }

            if (entered is null || !_dialect.IsConfig(entered.Prompt))
            {
                throw new DriverException(DriverFailure.ProtocolError,
                    $"Channel {ChannelName}: '{string.Join("', '", _dialect.Definition.Commands.EnterConfig)}' did not enter the configuration view (prompt {entered?.Prompt}).");
            }

            budget.WriteSent = true;
            result = await channel.SendCommandAsync(command, budget.Remaining, token).ConfigureAwait(false);
            if (result.ErrorLine is null && _dialect.ConfirmationOf(result.Prompt) is { } question)
            {
                result = await channel.SendCommandAsync(question.Answer, budget.Remaining, token).ConfigureAwait(false);
                result = result with { Command = command };
            }
        }
        catch (DriverException)
        {
            await TryReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
            throw;
        }

        await ReturnToExecAsync(channel, budget, token).ConfigureAwait(false);
        ThrowIfFailed(result);
    }

    private async Task ReturnToExecAsync(CliChannel channel, CliOperationBudget budget, CancellationToken token)
    {
        if (_dialect.IsExec(channel.LastPrompt))
        {
            return;
        }

        if (_dialect.ConfirmationOf(channel.LastPrompt) is { } question)
        {
            // A question left open (e.g. by a timeout elsewhere): decline it before anything else.
            await channel.SendCommandAsync(question.Decline, budget.Remaining, token).ConfigureAwait(false);
            if (_dialect.IsExec(channel.LastPrompt))
            {
                return;
            }
        }

        CliResponse? response = null;
        foreach (var step in _dialect.Definition.Commands.ReturnToExec)
        {
            response = await SendAsync(channel, budget, step, token).ConfigureAwait(false);
        }

        if (response is null || !_dialect.IsExec(response.Prompt))
        {
            throw new DriverException(DriverFailure.ProtocolError,
                $"Channel {ChannelName}: '{string.Join("', '", _dialect.Definition.Commands.ReturnToExec)}' did not lead back to the exec view (prompt {response?.Prompt}).");
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
        ThrowIfFailed(response);
        return response;
    }

    private void ThrowIfFailed(CliResponse response)
    {
        if (response.ErrorLine is not { } errorLine)
        {
            return;
        }

        var failure = _dialect.Definition.LineNotFoundIndicators.Any(marker => errorLine.Contains(marker, StringComparison.OrdinalIgnoreCase))
            ? DriverFailure.LineNotFound
            : DriverFailure.Rejected;
        throw new DriverException(failure, $"Channel {ChannelName}: the device refused '{response.Command}': {errorLine}");
    }
}
