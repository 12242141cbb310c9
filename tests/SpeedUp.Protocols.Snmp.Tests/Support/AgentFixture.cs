using System.Net;

namespace SpeedUp.Protocols.Snmp.Tests.Support;

/// <summary>A running agent on 127.0.0.1:0 with the default test MIB, and a manager; disposed together.</summary>
internal sealed class AgentFixture : IAsyncDisposable
{
    private AgentFixture(SnmpAgent agent, TestMib mib, SnmpManager manager)
    {
        Agent = agent;
        Mib = mib;
        Manager = manager;
    }

    public SnmpAgent Agent { get; }

    public TestMib Mib { get; }

    public SnmpManager Manager { get; }

    public IPEndPoint Endpoint => Agent.LocalEndpoint;

    public static async Task<AgentFixture> StartAsync(SnmpVersion version = SnmpVersion.V2c, TestMib? mib = null)
    {
        mib ??= TestMib.CreateDefault();
        var agent = new SnmpAgent(new SnmpAgentOptions(), mib);
        await agent.StartAsync(TestContext.Current.CancellationToken);
        var manager = new SnmpManager(new SnmpManagerOptions { Version = version, Timeout = TimeSpan.FromSeconds(1), Retries = 1 });
        return new AgentFixture(agent, mib, manager);
    }

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        await Agent.DisposeAsync();
    }
}
