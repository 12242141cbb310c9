using System.Net;

namespace SpeedUp.Drivers.Skeleton;

/// <summary>
/// The contract to fill in (docs/adding-a-driver.md, part 3). Rules every driver follows — the conformance kit
/// (docs/conformance.md) checks them:
/// <list type="bullet">
/// <item>validate every value before it reaches the device; refuse with <see cref="DriverFailure.InvalidValue"/> and send nothing;</item>
/// <item>confirm every write by a read-back (<see cref="DriverFailure.NotConfirmed"/> when it differs);</item>
/// <item>throw only <see cref="DriverException"/>: transport problems as Unreachable / Timeout (the scheduler fails over),
/// answers about the line as LineNotFound / Rejected (it does not);</item>
/// <item>honour the cancellation token and <see cref="DeviceOptions.OperationTimeout"/>; never log secrets.</item>
/// </list>
/// </summary>
public sealed class SkeletonDriver(DeviceOptions channel) : ISubscriberLineDriver, IDriverDryRun
{
    /// <inheritdoc/>
    public string ChannelName => channel.Name;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        throw NotWritten("find the line behind an address and port");

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
        throw NotWritten("read a line's rates and capability");

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        throw NotWritten("set one direction's rate and read it back");

    /// <inheritdoc/>
    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DriverHealth(false, "skeleton-driver is not written yet", TimeSpan.Zero));

    /// <inheritdoc/>
    public DryRunPlan Render(DriverOperation operation) =>
        new(ChannelName, "skeleton", [new DryRunStep($"({operation.Kind}: not written yet)")]);

    private DriverException NotWritten(string what) =>
        new(DriverFailure.ProtocolError, $"Channel {ChannelName}: skeleton-driver cannot {what} yet.");
}
