using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>
/// Keeps one authenticated CLI session: opened lazily, reused, replaced when it died, run one operation at a
/// time; an operation that loses the session is retried once on a fresh one.
/// </summary>
internal sealed class CliSessionHolder : IAsyncDisposable
{
    private static readonly TimeSpan BackstopGrace = TimeSpan.FromMilliseconds(500);
    private readonly Func<ICliTransport> _transportFactory;
    private readonly HuaweiCliDriverOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CliChannel? _channel;
    private bool _disposed;

    public CliSessionHolder(Func<ICliTransport> transportFactory, HuaweiCliDriverOptions options, ILoggerFactory loggerFactory, ILogger logger)
    {
        _transportFactory = transportFactory;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = logger;
    }

    /// <summary>Runs <paramref name="body"/> on the session within the operation timeout; failures become <see cref="DriverException"/>.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<CliChannel, OperationBudget, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var budget = new OperationBudget(_options.OperationTimeout);
        using var backstop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        backstop.CancelAfter(budget.Total + BackstopGrace);
        var token = backstop.Token;
        try
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(operation, new DriverException(DriverFailure.Timeout, $"Channel {_options.ChannelName}: {operation} waited {budget.Total.TotalSeconds:0.###} s for earlier operations on the same session."));
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var channel = await EnsureOpenAsync(budget, token).ConfigureAwait(false);
                    return await body(channel, budget, token).ConfigureAwait(false);
                }
                catch (CliException exception) when (exception.Failure == CliFailure.ConnectionLost && attempt == 0)
                {
                    DriverLog.Reconnecting(_logger, _options.ChannelName, operation);
                    await DropChannelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (CliException exception)
        {
            await DropChannelIfClosedAsync().ConfigureAwait(false);
            throw Fail(operation, CliErrors.FromCli(exception, _options.ChannelName));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DropChannelIfClosedAsync().ConfigureAwait(false);
            throw Fail(operation, new DriverException(DriverFailure.Timeout, $"Channel {_options.ChannelName}: {operation} did not complete within {budget.Total.TotalSeconds:0.###} s.", exception));
        }
        catch (OperationCanceledException)
        {
            await DropChannelIfClosedAsync().ConfigureAwait(false);
            throw;
        }
        catch (DriverException exception)
        {
            Fail(operation, exception);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await DropChannelAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CliChannel> EnsureOpenAsync(OperationBudget budget, CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await DropChannelAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var channel = new CliChannel(
            _transportFactory(),
            _options.Dialect,
            new CliChannelOptions { CommandTimeout = budget.Remaining },
            _loggerFactory.CreateLogger<CliChannel>());
        try
        {
            await channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _channel = channel;
        DriverLog.SessionOpened(_logger, _options.ChannelName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return channel;
    }

    private async Task DropChannelIfClosedAsync()
    {
        if (_channel is { IsOpen: false })
        {
            await DropChannelAsync().ConfigureAwait(false);
        }
    }

    private async Task DropChannelAsync()
    {
        var channel = _channel;
        _channel = null;
        if (channel is not null)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private DriverException Fail(string operation, DriverException exception)
    {
        DriverLog.OperationFailed(_logger, _options.ChannelName, operation, exception.Failure, exception.Message);
        return exception;
    }
}
