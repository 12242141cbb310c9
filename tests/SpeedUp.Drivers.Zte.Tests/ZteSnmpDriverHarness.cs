using System.Net;
using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>Our SnmpAgent serving a <see cref="FakeZteMib"/> on 127.0.0.1, and a driver created by the factory.</summary>
internal sealed class ZteSnmpDriverHarness : IAsyncDisposable
{
    public const string ReadCommunity = "cu-read-s3cret";
    public const string WriteCommunity = "cu-write-s3cret";

    private readonly SnmpAgent _agent;

    private ZteSnmpDriverHarness(SnmpAgent agent, FakeZteMib mib, ZteSnmpDriverFactory factory)
    {
        _agent = agent;
        Mib = mib;
        Factory = factory;
    }

    public FakeZteMib Mib { get; }

    public ZteSnmpDriverFactory Factory { get; }

    public IPEndPoint Endpoint => _agent.LocalEndpoint;

    public static async Task<ZteSnmpDriverHarness> StartAsync(IEnumerable<SnmpAgentUser>? v3Users = null)
    {
        var mib = new FakeZteMib()
            .Add(new FakeLine(330100001, "zj0571a0001", "202.101.172.35", 0, 65535))
            .Add(new FakeLine(330100002, "zj0571a0002", "202.101.172.40", 0, 1023))
            .Add(new FakeLine(330100003, "zj0571a0003", "202.101.172.40", 1024, 2047) { SpeedUpPermitted = false });
        var options = new SnmpAgentOptions { ReadCommunity = ReadCommunity, WriteCommunity = WriteCommunity };
        foreach (var user in v3Users ?? [])
        {
            options.Users.Add(user);
        }

        var agent = new SnmpAgent(options, mib);
        await agent.StartAsync(TestContext.Current.CancellationToken);
        return new ZteSnmpDriverHarness(agent, mib, new ZteSnmpDriverFactory());
    }

    public ISubscriberLineDriver CreateDriver(string community = WriteCommunity, TimeSpan? timeout = null, int? port = null) =>
        Factory.Create(Channel(community, timeout, port ?? Endpoint.Port));

    public static DeviceOptions Channel(string community, TimeSpan? timeout, int port)
    {
        var channel = new DeviceOptions
        {
            Name = "cu-test-snmp",
            Host = "127.0.0.1",
            Port = port,
            Secret = community,
            OperationTimeout = timeout ?? TimeSpan.FromSeconds(5),
        };
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _agent.DisposeAsync();
    }
}
