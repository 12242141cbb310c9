using System.Text;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler.Internal;

/// <summary>What each channel tried for one request answered; becomes the caller's error when none succeeded.</summary>
internal sealed class ChannelFailures
{
    private readonly StringBuilder _text = new();

    /// <summary>How many channels failed.</summary>
    public int Count { get; private set; }

    /// <summary>Whether every failure so far was a full channel.</summary>
    public bool AllFull { get; private set; } = true;

    /// <summary>Whether no failure so far was more than a transport problem (a retry later may work).</summary>
    public bool AllTransient { get; private set; } = true;

    /// <summary>Notes a channel fault.</summary>
    public void Add(SupplyChannel channel, DriverException failure)
    {
        AllTransient &= failure.IsTransient;
        Append($"'{channel.Name}' {failure.Failure}: {failure.Message}", full: false);
    }

    /// <summary>Notes a channel without free capacity.</summary>
    public void AddFull(SupplyChannel channel) => Append($"'{channel.Name}' is at capacity", full: true);

    /// <summary>Notes a channel whose call slots (or driver sessions) all stayed in use: refused like a full one.</summary>
    public void AddBusy(SupplyChannel channel) => Append($"'{channel.Name}' is busy", full: true);

    /// <summary>
    /// The caller's error: <c>isv.BUSINESS_LIMIT_CONTROL</c> when every channel was full or busy, else <c>isp.SYSTEM_ERROR</c> —
    /// unavailable (may be retried) when only transports failed, internal when a channel refused our credentials or
    /// host key or answered garbage (an operator must look). What each channel answered is the operator detail only:
    /// the message a customer reads names no channel and nothing a device said.
    /// </summary>
    public SpeedUpException ToProductError(string operation) =>
        Count > 0 && AllFull
            ? new SpeedUpException(ProductErrorCode.BusinessLimitControl, FailureKind.ResourceExhausted,
                $"Every supply channel able to {operation} is at capacity or busy; try again later.", _text.ToString())
            : new SpeedUpException(ProductErrorCode.SystemError, AllTransient ? FailureKind.Unavailable : FailureKind.Internal,
                Count == 0
                    ? $"No supply channel is able to {operation}."
                    : $"No supply channel could {operation}.",
                Count == 0 ? null : _text.ToString());

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
