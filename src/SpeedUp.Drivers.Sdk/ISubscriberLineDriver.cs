using System.Net;

namespace SpeedUp.Drivers;

/// <summary>
/// The contract every equipment dialect implements. One instance serves one supply channel
/// (one piece of equipment). Every write is confirmed by a read-back: a method that returns
/// has observed the device in the requested state; otherwise it throws <see cref="DriverException"/>.
/// </summary>
public interface ISubscriberLineDriver
{
    /// <summary>The supply channel this driver instance serves.</summary>
    string ChannelName { get; }

    /// <summary>Finds the line behind a public address and port, or null when no subscriber holds them.</summary>
    Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken);

    /// <summary>Reads a line's current rates and capability.</summary>
    Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken);

    /// <summary>Shapes one direction of a line to <paramref name="rateKbps"/>, then reads it back.</summary>
    /// <returns>The rates read back after the change.</returns>
    Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken);

    /// <summary>Checks that the equipment answers.</summary>
    Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken);
}
