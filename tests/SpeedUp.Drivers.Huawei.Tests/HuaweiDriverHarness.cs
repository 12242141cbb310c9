using SpeedUp.Drivers.Huawei;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>
/// Builds drivers over <see cref="FakeHuaweiDevice"/> or over transports that fail. The fake device keeps one view
/// for all its sessions, so these drivers use one session (MaxSessions 1); pooling is tested against the simulator.
/// </summary>
internal static class HuaweiDriverHarness
{
    public static HuaweiCliDriver Create(FakeHuaweiDevice device, TimeSpan? timeout = null) =>
        new(Options(timeout), device.CreateTransport);

    public static HuaweiCliDriver Create(Func<ICliTransport> transports, TimeSpan? timeout = null) =>
        new(Options(timeout), transports);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    private static HuaweiCliDriverOptions Options(TimeSpan? timeout) => new()
    {
        ChannelName = "ct-test",
        OperationTimeout = timeout ?? TimeSpan.FromSeconds(5),
        MaxSessions = 1,
    };
}
