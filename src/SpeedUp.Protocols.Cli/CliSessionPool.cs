using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// A bounded pool of authenticated CLI sessions to one device. Each operation leases one session for its whole
/// duration (one command in flight per session, a multi-command sequence stays on one session); sessions open
/// lazily up to <see cref="CliSessionPoolOptions.MaxSessions"/>, further callers wait first-in first-out. A session
/// that failed is discarded (closed, never returned), unless the failure is one
/// <see cref="CliSessionPoolOptions.KeepSessionAfter"/> declares a clean answer of the device; an operation declared idempotent (<see cref="RunIdempotentAsync{T}"/>) is retried once
/// on a fresh session when its session was lost. Idle sessions are probed and closed after the idle timeout.
/// </summary>
public sealed class CliSessionPool : IAsyncDisposable
{
    private readonly Func<ICliTransport> _transportFactory;
    private readonly CliDialect _dialect;
    private readonly CliSessionPoolOptions _options;
    private readonly CliChannelOptions _channelOptions;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SessionSlots _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _maintenance;
    private readonly ConcurrentDictionary<PooledSession, byte> _live = new();
    private long _opened;
    private long _reconnects;
    private long _discarded;

    /// <summary>Creates a pool; nothing is opened until the first operation.</summary>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session.</param>
    /// <param name="dialect">How the device talks.</param>
    /// <param name="options">Bounds and timers.</param>
    /// <param name="loggers">Where to log; nothing when null.</param>
    public CliSessionPool(Func<ICliTransport> transportFactory, CliDialect dialect, CliSessionPoolOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(transportFactory);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSessions, 1, nameof(options));
        _transportFactory = transportFactory;
        _dialect = dialect;
        _options = options;
        _channelOptions = options.ChannelOptions ?? new CliChannelOptions { TimeProvider = options.TimeProvider };
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<CliSessionPool>();
        _slots = new SessionSlots(options.MaxSessions);
        _maintenance = MaintainAsync(_stop.Token);
    }

    /// <summary>Most sessions open at once (<see cref="CliSessionPoolOptions.MaxSessions"/>).</summary>
    public int MaxSessions => _options.MaxSessions;

    /// <summary>Sessions open or being opened (leased, idle or probed).</summary>
    public int OpenSessions => _slots.Open;

    /// <summary>Sessions currently leased to operations.</summary>
    public int LeasedSessions => _slots.Leased;

    /// <summary>Sessions opened successfully since the pool was created.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Idempotent operations retried on a fresh session after their session was lost.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Sessions closed because an operation failed on them (instead of going back to the pool).</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>Runs a non-idempotent operation (e.g. a write) on one leased session; never retried.</summary>
    /// <param name="operation">Gets the open session and the caller's token; may send several commands.</param>
    /// <param name="cancellationToken">Cancels waiting for a session and the operation.</param>
    /// <exception cref="CliException">No session within the lease timeout, opening failed, or the operation failed.</exception>
    /// <exception cref="ObjectDisposedException">The pool is draining or disposed.</exception>
    public Task<T> RunAsync<T>(Func<CliChannel, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(operation, idempotent: false, cancellationToken);

    /// <summary>Runs a read-only operation; if its session is lost (<see cref="CliFailure.ConnectionLost"/>) it is run once more on a fresh session.</summary>
    /// <inheritdoc cref="RunAsync{T}(Func{CliChannel, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task<T> RunIdempotentAsync<T>(Func<CliChannel, CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(operation, idempotent: true, cancellationToken);

    /// <summary>Runs an operation on one leased session; retried once on a fresh session after a lost session when <paramref name="idempotent"/>.</summary>
    /// <inheritdoc cref="RunAsync{T}(Func{CliChannel, CancellationToken, Task{T}}, CancellationToken)"/>
    public async Task<T> RunAsync<T>(Func<CliChannel, CancellationToken, Task<T>> operation, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var attempt = 0; ; attempt++)
        {
            var session = await LeaseAsync(cancellationToken).ConfigureAwait(false);
            T result;
            try
            {
                result = await operation(session.Channel, cancellationToken).ConfigureAwait(false);
            }
            catch (CliException exception) when (idempotent && attempt == 0 && exception.Failure == CliFailure.ConnectionLost && !_slots.Closing)
            {
                await ReleaseAsync(session).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
                CliLog.PoolRetrying(_logger, _dialect.Name, exception.Failure);
                continue;
            }
            catch (Exception exception)
            {
                if (Survives(exception))
                {
                    await ReleaseAsync(session).ConfigureAwait(false);
                }
                else
                {
                    await DiscardAsync(session, exception).ConfigureAwait(false);
                }

                throw;
            }

            await ReleaseAsync(session).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>
    /// Opens sessions ahead of demand until <paramref name="sessions"/> (at most <see cref="MaxSessions"/>) are open, all at
    /// once, and leaves them idle: the first burst of concurrent operations then finds a session each instead of paying
    /// the login (on SSH: TCP, key exchange, authentication, the dialect's on-open commands) inside its own latency.
    /// Idle sessions already open count; sessions leased by running operations are waited for (up to the lease timeout).
    /// </summary>
    /// <param name="sessions">How many sessions should be open afterwards.</param>
    /// <param name="cancellationToken">Cancels the opening; sessions already open stay in the pool.</param>
    /// <returns>How many sessions this call opened.</returns>
    /// <exception cref="CliException">A session could not be opened (the others opened stay in the pool).</exception>
    /// <exception cref="ObjectDisposedException">The pool is draining or disposed.</exception>
    public async Task<int> WarmUpAsync(int sessions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sessions);
        var before = Opened;
        var leases = Enumerable.Range(0, Math.Min(sessions, _options.MaxSessions)).Select(_ => LeaseAsync(cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(leases).ConfigureAwait(false);
        }
        finally
        {
            foreach (var lease in leases.Where(lease => lease.IsCompletedSuccessfully))
            {
                await ReleaseAsync(await lease.ConfigureAwait(false)).ConfigureAwait(false);
            }
        }

        return (int)(Opened - before);
    }

    /// <summary>
    /// Stops leasing (new operations throw <see cref="ObjectDisposedException"/>, waiting ones too), waits up to
    /// <paramref name="timeout"/> for leased sessions to come back, then closes every session.
    /// </summary>
    /// <returns>True when every leased session came back in time.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var waiting = _slots.BeginClosing();
        var drained = await Task.WhenAny(waiting, Task.Delay(timeout, _options.TimeProvider)).ConfigureAwait(false) == waiting;
        if (!drained)
        {
            CliLog.PoolDrainTimedOut(_logger, _dialect.Name, _slots.Leased);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _maintenance.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var session in _slots.TakeAll())
        {
            await CloseAsync(session, "drained").ConfigureAwait(false);
        }

        if (!drained)
        {
            // Sessions still leased: closing one waits for its command in flight, so give that at most a second.
            var closing = _live.Keys.Select(session => CloseAsync(session, "drain timed out")).ToList();
            await Task.WhenAny(Task.WhenAll(closing), Task.Delay(TimeSpan.FromSeconds(1), _options.TimeProvider)).ConfigureAwait(false);
        }

        return drained;
    }

    /// <summary>Drains with a 10 s grace for leased sessions, then closes everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await DrainAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task<PooledSession> LeaseAsync(CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(_options.LeaseTimeout > TimeSpan.Zero ? _options.LeaseTimeout : Timeout.InfiniteTimeSpan, _options.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        PooledSession? session;
        try
        {
            session = await _slots.AcquireAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                CliFailure.SessionsBusy,
                $"No {_dialect.Name} CLI session became free within {_options.LeaseTimeout.TotalSeconds:0.###} s: all {_options.MaxSessions} sessions stayed leased (raise MaxSessions up to the device's VTY limit, or the device is slow).");
        }

        if (session is not null && session.Channel.IsOpen)
        {
            return session;
        }

        if (session is not null)
        {
            await CloseAsync(session, "found dead when leased").ConfigureAwait(false);
        }

        try
        {
            return await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Forfeit(leased: true);
            throw;
        }
    }

    private async Task<PooledSession> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var channel = new CliChannel(_transportFactory(), _dialect, _channelOptions, _loggers.CreateLogger<CliChannel>());
        try
        {
            await channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Interlocked.Increment(ref _opened);
        CliLog.PoolSessionOpened(_logger, _dialect.Name, _slots.Open, _slots.Leased);
        var session = new PooledSession(channel, _options.TimeProvider);
        _live[session] = 0;
        return session;
    }

    private async Task ReleaseAsync(PooledSession session, bool leased = true)
    {
        if (leased)
        {
            session.MarkUsed();
        }
        if (session.Channel.IsOpen && _slots.Return(session, leased))
        {
            return;
        }

        if (session.Channel.IsOpen)
        {
            await CloseAsync(session, "pool closing").ConfigureAwait(false);
            return;
        }

        _slots.Forfeit(leased);
        await CloseAsync(session, "failed").ConfigureAwait(false);
    }

    /// <summary>Whether a session may go back after <paramref name="exception"/>: never after a CLI failure or a cancellation.</summary>
    private bool Survives(Exception exception) =>
        exception is not (CliException or OperationCanceledException) && (_options.KeepSessionAfter?.Invoke(exception) ?? false);

    /// <summary>An operation failed on <paramref name="session"/>: its slot is freed and the session closed, whatever its state.</summary>
    private async Task DiscardAsync(PooledSession session, Exception failure)
    {
        Interlocked.Increment(ref _discarded);
        _slots.Forfeit(leased: true);
        await CloseAsync(session, "discarded after " + (failure is CliException cli ? cli.Failure.ToString() : failure.GetType().Name)).ConfigureAwait(false);
    }

    private async Task CloseAsync(PooledSession session, string reason)
    {
        _live.TryRemove(session, out _);
        await session.Channel.DisposeAsync().ConfigureAwait(false);
        CliLog.PoolSessionClosed(_logger, _dialect.Name, reason);
    }

    private async Task MaintainAsync(CancellationToken stop)
    {
        var keepAlive = _options.KeepAliveInterval;
        var idle = _options.IdleTimeout;
        var shortest = new[] { keepAlive, idle }.Where(span => span > TimeSpan.Zero).DefaultIfEmpty(Timeout.InfiniteTimeSpan).Min();
        if (shortest == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var tick = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(tick, _options.TimeProvider);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            var (expired, due) = _slots.TakeForMaintenance(idle, keepAlive);
            foreach (var session in expired)
            {
                await CloseAsync(session, "idle timeout").ConfigureAwait(false);
            }

            foreach (var session in due)
            {
                await ProbeAsync(session, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task ProbeAsync(PooledSession session, CancellationToken stop)
    {
        try
        {
            await session.Channel.SendCommandAsync("", _options.ProbeTimeout, stop).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CliException or OperationCanceledException)
        {
            // The channel closed itself; Release discards it.
        }

        session.MarkProbed();
        await ReleaseAsync(session, leased: false).ConfigureAwait(false);
    }
}
