namespace SpeedUp.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with full jitter. After the n-th failed attempt the ceiling
/// is <c>min(MaxBackoff, InitialBackoff × 2^(n−1))</c> and the delay is drawn uniformly from [0, ceiling], so a sink
/// that comes back is not hit by every retry at once.
/// </summary>
public static class WebhookBackoff
{
    /// <summary>The ceiling of the delay after <paramref name="failedAttempts"/> (≥ 1) failures.</summary>
    public static TimeSpan Ceiling(int failedAttempts, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 40);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay before the next attempt: uniform in [0, <see cref="Ceiling"/>], <paramref name="unit"/> a draw in [0, 1).</summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double unit) =>
        TimeSpan.FromTicks((long)(Ceiling(failedAttempts, initial, max).Ticks * Math.Clamp(unit, 0, 1)));
}
