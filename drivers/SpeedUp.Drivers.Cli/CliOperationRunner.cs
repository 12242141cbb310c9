using Microsoft.Extensions.Logging;
using SpeedUp.Drivers;

namespace SpeedUp.Drivers.Cli;

/// <summary>
/// Runs driver operations on a <see cref="CliSessionPool"/> within the operation timeout and maps failures to
/// <see cref="DriverException"/>. Reads are retried once on a fresh session when their session was lost; a write
/// is retried only when the session was lost before its change command was sent (<see cref="CliOperationBudget.WriteSent"/>). Shared by every SSH CLI driver.
/// </summary>
public sealed class CliOperationRunner : IAsyncDisposable
{
    private static readonly TimeSpan BackstopGrace = TimeSpan.FromMilliseconds(500);
    private readonly CliDriverOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the runner and its session pool (no session is opened yet).</summary>
    public CliOperationRunner(Func<ICliTransport> transportFactory, CliDriverOptions options, ILoggerFactory loggerFactory, ILogger logger)
    {
        _options = options;
        _logger = logger;
        Pool = new CliSessionPool(
            transportFactory,
            options.Dialect,
            new CliSessionPoolOptions
            {
                MaxSessions = Math.Clamp(options.MaxSessions, 1, 16),
                KeepAliveInterval = options.KeepAliveInterval,
                IdleTimeout = options.IdleTimeout,
                LeaseTimeout = options.OperationTimeout,
                KeepSessionAfter = IsCleanAnswer,
                ChannelOptions = new CliChannelOptions
                {
                    CommandTimeout = options.OperationTimeout,
                    Transcript = options.Transcript,
                    MaskedValues = options.MaskedValues,
                    CommandTracing = options.CommandTracing,
                    MaxOutputChars = options.MaxOutputChars,
                    MaxLineChars = options.MaxLineChars,
                    PromptMismatchAfter = options.PromptMismatchAfter,
                },
            },
            loggerFactory);
    }

    /// <summary>
    /// Whether a failure was a clean answer of the device (a refused command or value, an unknown line, a read-back
    /// showing another value), after which its session may serve the next operation; after anything else — an
    /// unreadable answer above all — the pool discards the session.
    /// </summary>
    public static bool IsCleanAnswer(Exception failure) =>
        failure is DriverException { Failure: DriverFailure.Rejected or DriverFailure.LineNotFound or DriverFailure.InvalidValue or DriverFailure.NotConfirmed };

    /// <summary>The device's session pool (for its counters).</summary>
    public CliSessionPool Pool { get; }

    /// <summary>Runs <paramref name="body"/> on one leased session within the operation timeout.</summary>
    public async Task<T> RunAsync<T>(string operation, bool readOnly, Func<CliChannel, CliOperationBudget, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var budget = new CliOperationBudget(_options.OperationTimeout);
        using var backstop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        backstop.CancelAfter(budget.Total + BackstopGrace);
        var token = backstop.Token;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await Pool.RunAsync((channel, inner) => body(channel, budget, inner), readOnly, token).ConfigureAwait(false);
                }
                catch (CliException exception) when (!readOnly && attempt == 0 && exception.Failure == CliFailure.ConnectionLost && !budget.WriteSent)
                {
                    CliDriverLog.Reconnecting(_logger, _options.ChannelName, operation);
                }
            }
        }
        catch (CliException exception)
        {
            throw Fail(operation, CliDriverErrors.FromCli(exception, _options.ChannelName));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(operation, new DriverException(DriverFailure.Timeout, $"Channel {_options.ChannelName}: {operation} did not complete within {budget.Total.TotalSeconds:0.###} s.", exception));
        }
        catch (DriverException exception)
        {
            Fail(operation, exception);
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for running operations, then closes every session.</summary>
    public Task<bool> DrainAsync(TimeSpan timeout) => Pool.DrainAsync(timeout);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Pool.DisposeAsync();

    private DriverException Fail(string operation, DriverException exception)
    {
        CliDriverLog.OperationFailed(_logger, _options.ChannelName, operation, exception.Failure, exception.Message);
        return exception;
    }
}
