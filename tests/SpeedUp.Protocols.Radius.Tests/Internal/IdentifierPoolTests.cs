using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius.Tests.Internal;

public class IdentifierPoolTests
{
    [Fact]
    public async Task AcquireAsync_HandsOutRoundRobin_SoAFreedIdentifierIsReusedLast()
    {
        using var pool = new IdentifierPool(first: 250);
        var a = await pool.AcquireAsync(TestContext.Current.CancellationToken);
        a.Dispose();
        var b = await pool.AcquireAsync(TestContext.Current.CancellationToken);

        Assert.Equal((250, 251), (a.Id, b.Id));
    }

    [Fact]
    public async Task AcquireAsync_AllInUse_WaitsAndHonoursCancellation()
    {
        using var pool = new IdentifierPool();
        var leases = new List<IdentifierPool.Lease>();
        for (var i = 0; i < 256; i++)
        {
            leases.Add(await pool.AcquireAsync(TestContext.Current.CancellationToken));
        }

        using var cancel = new CancellationTokenSource();
        var waiting = pool.AcquireAsync(cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var next = pool.AcquireAsync(TestContext.Current.CancellationToken);
        leases[100].Dispose();
        leases[100].Dispose(); // a second dispose frees nothing more
        Assert.Equal(100, (await next).Id);
        Assert.Equal(256, pool.InUse);
    }
}
