using System.Net;
using System.Net.Sockets;

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
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 2 });
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(endpoint, "public", [SysDescr], TestContext.Current.CancellationToken));

        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(5));
        var received = 0;
        while (silent.Available > 0)
        {
            await silent.ReceiveAsync(TestContext.Current.CancellationToken);
            received++;
        }

        Assert.Equal(3, received);
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
