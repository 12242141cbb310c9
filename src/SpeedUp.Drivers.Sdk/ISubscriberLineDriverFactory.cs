namespace SpeedUp.Drivers;

/// <summary>Creates driver instances of one dialect for the channels that name it.</summary>
public interface ISubscriberLineDriverFactory
{
    /// <summary>The dialect name channels refer to in <see cref="DeviceOptions.Driver"/>.</summary>
    string DriverName { get; }

    /// <summary>Creates the driver serving <paramref name="channel"/>.</summary>
    ISubscriberLineDriver Create(DeviceOptions channel);
}
