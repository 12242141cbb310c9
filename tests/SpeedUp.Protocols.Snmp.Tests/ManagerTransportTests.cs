using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>The manager against a UDP socket that never answers.</summary>
public class ManagerTransportTests
{
    private static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");

    [Fact]
    public async Task SilentAgent_TimesOutAfterTheRetries()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)silent.Client.LocalEndPoint!;
        var time = new FakeTimeProvider();
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 2, TimeProvider = time });

        var get = manager.GetAsync(endpoint, "public", [SysDescr], TestContext.Current.CancellationToken);
        var received = 0;
        var waited = TimeSpan.Zero;
        while (!get.IsCompleted && waited < TimeSpan.FromMinutes(1))
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // only the manager's clock moves
            waited += TimeSpan.FromMilliseconds(100);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => get);
        while (silent.Available > 0)
        {
            await silent.ReceiveAsync(TestContext.Current.CancellationToken);
            received++;
        }

        Assert.Equal(3, received); // the request and its two retries
        Assert.InRange(waited, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6.5)); // each waited its 2 s on the fake clock
    }

    [Fact]
    public async Task TargetPolicy_RefusesBeforeSending_V2cAndV3_AndAllowsWhatItAllows()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var loopback = (IPEndPoint)silent.Client.LocalEndPoint!;
        var live = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 161);
        var v3 = new SnmpUsm(UsmFixture.Admin);
        var asked = new List<string>();
        await using var manager = new SnmpManager(new SnmpManagerOptions
        {
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 1,
            TargetPolicy = (host, port) =>
            {
                asked.Add($"{host}:{port}");
                return IPAddress.IsLoopback(IPAddress.Parse(host)) ? null : $"policy: {host}:{port} is not a simulator";
            },
        });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var community = await Assert.ThrowsAsync<SnmpTransportException>(() => manager.GetAsync(live, "public", [SysDescr], ct));
        var usm = await Assert.ThrowsAsync<SnmpTransportException>(() => manager.SetAsync(live, v3, [new VarBind(SysDescr, new SnmpInteger(1))], ct));
        var refusedIn = started.Elapsed;

        Assert.Equal("policy: 192.0.2.10:161 is not a simulator", community.Message);
        Assert.Equal(community.Message, usm.Message);
        Assert.True(refusedIn < TimeSpan.FromSeconds(1), $"refused without waiting for an answer ({refusedIn})"); // asking would take 4 s
        var mapped = new IPEndPoint(IPAddress.Loopback.MapToIPv6(), loopback.Port);
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(mapped, "public", [SysDescr], ct)); // loopback is asked
        Assert.True(silent.Available > 0, "the loopback agent received the request");
        Assert.Equal(["192.0.2.10:161", "192.0.2.10:161", $"127.0.0.1:{loopback.Port}"], asked); // an IPv4-mapped target is asked as IPv4
    }

    [Fact]
    public async Task Cancellation_IsHonouredBeforeTheTimeout()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)silent.Client.LocalEndPoint!;
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(30), Retries = 0 });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => manager.GetAsync(endpoint, "public", [SysDescr], cts.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_FailsRequestsInFlight()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)silent.Client.LocalEndPoint!;
        var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(30) });
        var request = manager.GetAsync(endpoint, "public", [SysDescr], TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);

        await manager.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => request);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => manager.GetAsync(endpoint, "public", [SysDescr], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ResponseFromAnotherSource_IsIgnored()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var spoofer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)silent.Client.LocalEndPoint!;
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(400), Retries = 0 });
        var request = manager.GetAsync(endpoint, "public", [SysDescr], TestContext.Current.CancellationToken);

        var received = await silent.ReceiveAsync(TestContext.Current.CancellationToken);
        var decoded = Internal.CommunityMessageCodec.Decode(received.Buffer);
        var answer = Internal.CommunityMessageCodec.Encode(decoded with
        {
            Pdu = Internal.SnmpPdu.Response(decoded.Pdu.RequestId, SnmpErrorStatus.NoError, 0, [new VarBind(SysDescr, new SnmpInteger(1))]),
        });
        await spoofer.SendAsync(answer, received.RemoteEndPoint, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => request);
    }
}
