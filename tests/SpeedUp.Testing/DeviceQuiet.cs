using SpeedUp.Simulator;

namespace SpeedUp.Testing;

/// <summary>Waits until a simulator has no CLI session left, so lines still on their way from earlier tests do not land in the next one's window.</summary>
public static class DeviceQuiet
{
    /// <summary>Returns once <see cref="BrasSimulator.ActiveCliSessions"/> is 0, or after 5 s (the caller's assertions then decide).</summary>
    public static async Task WaitAsync(BrasSimulator simulator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var started = TimeProvider.System.GetTimestamp();
        while (simulator.ActiveCliSessions > 0 && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
