using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace SpeedUp.Protocols.Snmp.Tests.Support;

/// <summary>An agent with SNMPv3 users on 127.0.0.1:0 (clock under test control) and a manager; disposed together.</summary>
internal sealed class UsmFixture : IAsyncDisposable
{
    public const string AuthPassword = "auth-pass-123";
    public const string PrivPassword = "priv-pass-456";

    private UsmFixture(SnmpAgent agent, TestMib mib, SnmpManager manager, FakeTimeProvider clock)
    {
        Agent = agent;
        Mib = mib;
        Manager = manager;
        Clock = clock;
    }

    public SnmpAgent Agent { get; }

    public TestMib Mib { get; }

    public SnmpManager Manager { get; }

    public FakeTimeProvider Clock { get; }

    public IPEndPoint Endpoint => Agent.LocalEndpoint;

    /// <summary>The read-write authPriv user (SHA-256 / AES) every fixture has.</summary>
    public static UsmUser Admin { get; } = new("admin", UsmAuthProtocol.HmacSha256, AuthPassword, UsmPrivProtocol.Aes128, PrivPassword);

    /// <summary>A read-only authPriv user (SHA-1 / AES).</summary>
    public static UsmUser Reader { get; } = new("reader", UsmAuthProtocol.HmacSha1, AuthPassword, UsmPrivProtocol.Aes128, PrivPassword);

    /// <summary>A read-write authNoPriv user accepting authNoPriv.</summary>
    public static UsmUser AuthOnly { get; } = new("authonly", UsmAuthProtocol.HmacSha512, AuthPassword);

    /// <summary>A user with no security at all, accepted at noAuthNoPriv.</summary>
    public static UsmUser Plain { get; } = new("plain");

    public static async Task<UsmFixture> StartAsync(
        IEnumerable<SnmpAgentUser>? extraUsers = null, TimeSpan? timeout = null, int retries = 0, ReadOnlyMemory<byte>? engineId = null, int port = 0)
    {
        var mib = TestMib.CreateDefault();
        var clock = new FakeTimeProvider();
        var options = new SnmpAgentOptions { TimeProvider = clock, EngineId = engineId, Endpoint = new IPEndPoint(IPAddress.Loopback, port) };
        options.Users.Add(new SnmpAgentUser(Admin, CanWrite: true));
        options.Users.Add(new SnmpAgentUser(Reader));
        options.Users.Add(new SnmpAgentUser(AuthOnly, CanWrite: true, SnmpSecurityLevel.AuthNoPriv));
        options.Users.Add(new SnmpAgentUser(Plain, MinimumLevel: SnmpSecurityLevel.NoAuthNoPriv));
        foreach (var user in extraUsers ?? [])
        {
            options.Users.Add(user);
        }

        var agent = new SnmpAgent(options, mib);
        await agent.StartAsync(TestContext.Current.CancellationToken);
        var manager = new SnmpManager(new SnmpManagerOptions { Timeout = timeout ?? TimeSpan.FromSeconds(1), Retries = retries });
        return new UsmFixture(agent, mib, manager, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
