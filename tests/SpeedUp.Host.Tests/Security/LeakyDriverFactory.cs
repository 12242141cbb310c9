using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// In-memory equipment for channel 0 whose write failures say everything a real device fault can say: the device's
/// address and port, the login user, both host-key fingerprints and the device's own output. None of it may reach a
/// customer.
/// </summary>
internal sealed class LeakyDriverFactory : ISubscriberLineDriverFactory
{
    public const string Name = "leaky-fake";
    public const string HostPort = "10.97.31.7:2222";
    public const string User = "bras-ops-admin";
    public const string PinnedFingerprint = "SHA256:PinnedPinnedPinnedPinnedPinnedPinnedPinned0";
    public const string ReceivedFingerprint = "SHA256:ReceivedReceivedReceivedReceivedReceived0";
    public const string RawOutput = "Error: Unrecognized command found at '^' position. <ZJ-HZ-BRAS-77>";

    /// <summary>The strings that must never reach a customer.</summary>
    public static readonly string[] DeviceDetails = [HostPort, "10.97.31.7", User, PinnedFingerprint, ReceivedFingerprint, "Unrecognized command", "ZJ-HZ-BRAS-77", "ct-huawei-ssh"];

    public static readonly SubscriberLine Line = new(
        330100001, "zj0571a0001", IPAddress.Parse("202.101.172.35"), new PortRange(0, 65535),
        new LineRates(20_000, 100_000), new LineCapability(50_000, 500_000, SpeedUpPermitted: true));

    private readonly FakeEquipment _equipment = new();

    public LeakyDriverFactory() => _equipment.Add(Line);

    public string DriverName => Name;

    public LeakyDriver? Driver { get; private set; }

    public ISubscriberLineDriver Create(DeviceOptions channel) => Driver = new LeakyDriver(new FakeLineDriver(channel.Name, _equipment));

    internal sealed class LeakyDriver(FakeLineDriver inner) : ISubscriberLineDriver
    {
        private int _failWrites;

        public string ChannelName => inner.ChannelName;

        /// <summary>How the next writes fail.</summary>
        public DriverFailure Failure { get; set; } = DriverFailure.HostKeyMismatch;

        /// <summary>Makes the next <paramref name="count"/> writes fail.</summary>
        public void FailNextWrites(int count) => Volatile.Write(ref _failWrites, count);

        public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
            inner.FindLineAsync(ipAddress, port, cancellationToken);

        public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
            inner.ReadLineAsync(line, cancellationToken);

        public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failWrites) >= 0)
            {
                throw new DriverException(Failure,
                    $"Channel ct-huawei-ssh: the SSH host key of {HostPort} (user '{User}') does not match: expected {PinnedFingerprint}, " +
                    $"received ssh-ed25519 {ReceivedFingerprint}; the device said '{RawOutput}'");
            }

            return inner.SetRateAsync(line, direction, rateKbps, cancellationToken);
        }

        public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);
    }
}
