using SpeedUp.Drivers;

namespace SpeedUp.Core.Statistics;

/// <summary>
/// A start that passed validation, the pre-check and the order check but was refused before any session was
/// journalled: no supply channel could serve the tier, every able channel was full, or none could read the line. The
/// product counts it as a failed speed-up call; <see cref="IStatisticsStore"/> counts it on the CST day of
/// <see cref="RefusedAt"/> and lists it in the detail export as FAILED with its product code and message.
/// </summary>
public sealed record RefusedStart(
    string Id,
    string? CustomerId,
    long BandId,
    string Account,
    Carrier Carrier,
    string Province,
    Direction Direction,
    long TargetKbps,
    DateTimeOffset RefusedAt,
    string Code,
    string Message)
{
    /// <summary>Longest message kept (the scheduler's answer names every channel it tried).</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>The failure reason the detail export shows: <c>code: message</c>.</summary>
    public string FailureReason => $"{Code}: {Message}";
}

/// <summary>Durable record of refused starts, for the statistics and the detail export.</summary>
public interface IRefusedStartStore
{
    /// <summary>Saves one refused start (idempotent by <see cref="RefusedStart.Id"/>).</summary>
    Task RecordAsync(RefusedStart refusal, CancellationToken cancellationToken);
}
