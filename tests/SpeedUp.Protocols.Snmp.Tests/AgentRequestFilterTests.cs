using System.Diagnostics;
using System.Net;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary><see cref="SnmpAgentOptions.RequestFilter"/>: drops, and a slow filter does not hold up other requests.</summary>
public class AgentRequestFilterTests
{
    private static readonly ObjectIdentifier IntegerOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SnmpManager Manager(TimeSpan timeout) => new(new SnmpManagerOptions { Timeout = timeout, Retries = 0 });

    [Fact]
    public async Task RequestFilter_FalseThenTrue_DropsTheRequestSilentlyThenAnswersIt()
    {
        var drop = true;
        IPEndPoint? seen = null;
        var options = new SnmpAgentOptions
        {
            RequestFilter = (remote, _) =>
            {
                seen = remote;
                return ValueTask.FromResult(!Volatile.Read(ref drop));
            },
        };
        await using var agent = new SnmpAgent(options, TestMib.CreateDefault());
        await agent.StartAsync(Ct);
        await using var manager = Manager(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct));
        Assert.NotNull(seen);
        Assert.Equal(IPAddress.Loopback, seen.Address);

        Volatile.Write(ref drop, false);
        var answer = await manager.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct);
        Assert.Equal(new SnmpInteger(42), Assert.Single(answer).Value);
    }

    [Fact]
    public async Task RequestFilter_Pending_DoesNotBlockOtherRequests()
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var options = new SnmpAgentOptions
        {
            RequestFilter = (_, _) => Interlocked.Increment(ref calls) == 1 ? new ValueTask<bool>(gate.Task) : ValueTask.FromResult(true),
        };
        await using var agent = new SnmpAgent(options, TestMib.CreateDefault());
        await agent.StartAsync(Ct);
        await using var slow = Manager(TimeSpan.FromSeconds(10));
        await using var fast = Manager(TimeSpan.FromSeconds(2));

        var held = slow.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct);
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref calls) == 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5, Ct);
        }

        var answer = await fast.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct);
        Assert.Equal(new SnmpInteger(42), Assert.Single(answer).Value);
        Assert.False(held.IsCompleted);

        gate.SetResult(true);
        Assert.Equal(new SnmpInteger(42), Assert.Single(await held).Value);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task RequestFilter_Throws_DropsTheRequestAndTheAgentKeepsServing()
    {
        var calls = 0;
        var options = new SnmpAgentOptions
        {
            RequestFilter = (_, _) => Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("boom")
                : ValueTask.FromResult(true),
        };
        await using var agent = new SnmpAgent(options, TestMib.CreateDefault());
        await agent.StartAsync(Ct);
        await using var manager = Manager(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct));
        Assert.Equal(new SnmpInteger(42), Assert.Single(await manager.GetAsync(agent.LocalEndpoint, "public", [IntegerOid], Ct)).Value);
    }
}
