namespace SpeedUp.Drivers.Skeleton;

/// <summary>Creates <see cref="SkeletonDriver"/>s for channels whose driver is <c>skeleton-driver</c>.</summary>
[DriverFactory]
public sealed class SkeletonDriverFactory : ISubscriberLineDriverFactory
{
    /// <summary>The driver name channels use.</summary>
    public const string Name = "skeleton-driver";

    /// <inheritdoc/>
    public string DriverName => Name;

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);

        // Check everything the driver needs here (endpoint, credentials by reference, pinned keys) and throw
        // ArgumentException naming the channel: a bad channel then stops the service at start-up.
        if (string.IsNullOrWhiteSpace(channel.Host))
        {
            throw new ArgumentException($"Channel {channel.Name}: Host is required.", nameof(channel));
        }

        return new SkeletonDriver(channel);
    }
}
