using System.Text;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>
/// Runs a read (find a line, read its rates) on the candidate channels in turn: a channel fault (transport, timeout,
/// open circuit, credentials, garbled answer) moves the read to the next candidate; an answer about the line itself
/// (not found, rejected) is final. Reads change nothing, so trying them elsewhere is always safe.
/// </summary>
public sealed class ChannelFailover(ISupplyChannels channels)
{
    /// <summary>Reads through the first candidate that answers. Throws <c>isp.SYSTEM_ERROR</c> (unavailable) when none does.</summary>
    public async Task<(ChannelRoute Route, T Result)> ReadAsync<T>(
        IReadOnlyList<ChannelRoute> candidates,
        string operation,
        Func<ISubscriberLineDriver, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var failures = new ChannelFailures();
        foreach (var route in candidates)
        {
            try
            {
                return (route, await read(route.Driver, cancellationToken).ConfigureAwait(false));
            }
            catch (DriverException e) when (e.IsChannelFault)
            {
                failures.Add(route, e);
                channels.RecordFailover(route.ChannelName, operation, e.Failure.ToString());
            }
            catch (DriverException e)
            {
                throw e.ToProductError(route.ChannelName);
            }
        }

        throw failures.ToProductError(operation);
    }
}

/// <summary>What each channel tried for one request answered; becomes the caller's error when none succeeded.</summary>
public sealed class ChannelFailures
{
    private readonly StringBuilder _text = new();

    /// <summary>How many channels failed.</summary>
    public int Count { get; private set; }

    /// <summary>Whether every failure so far was a full channel.</summary>
    public bool AllFull { get; private set; } = true;

    /// <summary>Whether no failure so far was more than a transport problem (a retry later may work).</summary>
    public bool AllTransient { get; private set; } = true;

    /// <summary>Notes a channel fault.</summary>
    public void Add(ChannelRoute route, DriverException failure)
    {
        AllTransient &= failure.IsTransient;
        Append($"'{route.ChannelName}' {failure.Failure}: {failure.Message}", full: false);
    }

    /// <summary>Notes a channel without free capacity.</summary>
    public void AddFull(ChannelRoute route) => Append($"'{route.ChannelName}' is at capacity", full: true);

    /// <summary>
    /// The caller's error: <c>isv.BUSINESS_LIMIT_CONTROL</c> when every channel was full, else <c>isp.SYSTEM_ERROR</c>
    /// naming what each channel answered — unavailable (may be retried) when only transports failed, internal when a
    /// channel refused our credentials or host key or answered garbage (an operator must look).
    /// </summary>
    public SpeedUpException ToProductError(string operation) =>
        Count > 0 && AllFull
            ? new SpeedUpException(ProductErrorCode.BusinessLimitControl, FailureKind.ResourceExhausted,
                $"Every supply channel able to {operation} is at capacity ({_text}); try again later.")
            : new SpeedUpException(ProductErrorCode.SystemError, AllTransient ? FailureKind.Unavailable : FailureKind.Internal,
                Count == 0
                    ? $"No supply channel is able to {operation}."
                    : $"No supply channel could {operation}: {_text}.");

    private void Append(string text, bool full)
    {
        if (Count++ > 0)
        {
            _text.Append("; ");
        }

        _text.Append(text);
        AllFull &= full;
    }
}
