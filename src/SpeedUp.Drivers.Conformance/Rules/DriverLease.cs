namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>A driver created for one check through the target's real factory, disposed when the check ends.</summary>
internal sealed class DriverLease(ISubscriberLineDriver driver, DeviceOptions channel) : IAsyncDisposable
{
    public ISubscriberLineDriver Driver { get; } = driver;

    public DeviceOptions Channel { get; } = channel;

    public async ValueTask DisposeAsync()
    {
        switch (Driver)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}

internal static class ConformanceTargetExtensions
{
    /// <summary>Lifts any injected delay before a restore, so the restore is not itself slowed past its budget.</summary>
    public static Task SetDeviceDelayIfSupportedAsync(this IConformanceTarget target, bool supported) =>
        supported ? target.SetDeviceDelayAsync(TimeSpan.Zero, CancellationToken.None) : Task.CompletedTask;
}
