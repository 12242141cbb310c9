using Microsoft.Extensions.Time.Testing;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>
/// Driving an <see cref="InMemoryTransport"/> on a fake clock: wait until the channel is blocked in a read
/// (<see cref="InMemoryTransport.IsIdle"/>), so a test moves the clock only once every timer of the wait is set.
/// </summary>
internal static class ClockedDevice
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Waits (real time, bounded) until the channel is blocked in a read or <paramref name="task"/> is over.</summary>
    public static async Task SettleAsync(this InMemoryTransport device, Task task)
    {
        for (var i = 0; i < 5000 && !task.IsCompleted && !device.IsIdle; i++)
        {
            await Task.Delay(1, Token);
        }

        Assert.True(task.IsCompleted || device.IsIdle, "the channel neither finished nor waited for the device within 5 s of real time");
    }

    /// <summary>
    /// Moves <paramref name="time"/> by <paramref name="step"/> each time the channel waits, until <paramref name="task"/>
    /// is over; returns how much fake time that took. Fails past <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilDoneAsync(this InMemoryTransport device, FakeTimeProvider time, Task task, TimeSpan step, TimeSpan limit)
    {
        var start = time.GetUtcNow();
        while (true)
        {
            await device.SettleAsync(task);
            if (task.IsCompleted)
            {
                return time.GetUtcNow() - start;
            }

            Assert.True(time.GetUtcNow() - start < limit, $"still waiting after {limit} of fake time");
            time.Advance(step);
            await Task.Delay(2, Token); // lets a cancelled read finish before IsIdle is looked at again
        }
    }
}
