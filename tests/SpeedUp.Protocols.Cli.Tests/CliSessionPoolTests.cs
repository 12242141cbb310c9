using static SpeedUp.Protocols.Cli.Tests.PoolHarness;

namespace SpeedUp.Protocols.Cli.Tests;

public sealed class CliSessionPoolTests
{
    [Fact]
    public async Task Run_ManyConcurrent_NeverMoreThanMaxSessionsAndOneCommandPerSession()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 3);
        var inFlight = 0;
        var peak = 0;

        var outputs = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => pool.RunIdempotentAsync(
            async (channel, token) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(5, token);
                var output = await Send(channel, $"display item {i}", token);
                Interlocked.Decrement(ref inFlight);
                return output;
            },
            Token))));

        Assert.InRange(peak, 1, 3);
        Assert.InRange(pool.Opened, 1, 3);
        Assert.Equal(pool.Opened, pool.OpenSessions);
        Assert.Equal(0, pool.LeasedSessions);
        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal($"answer to display item {i}", outputs[i]);
        }
    }

    [Fact]
    public async Task Run_AllLeased_WaitersServedInArrivalOrder()
    {
        await using var pool = new PoolHarness().Create(maxSessions: 1);
        var release = new TaskCompletionSource();
        var holder = pool.RunAsync(async (channel, token) => { await release.Task.WaitAsync(token); return 0; }, Token);
        var order = new List<int>();
        var waiters = new List<Task<int>>();
        for (var i = 1; i <= 5; i++)
        {
            var n = i;
            waiters.Add(pool.RunAsync((_, _) => { lock (order) { order.Add(n); } return Task.FromResult(n); }, Token));
            await Task.Delay(10, Token);
        }

        release.SetResult();
        await holder;
        await Task.WhenAll(waiters);

        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.Equal(1, pool.Opened);
    }

    [Fact]
    public async Task Run_NoSessionFreeWithinLeaseTimeout_SessionsBusyNotATimeoutOfTheDevice()
    {
        await using var pool = new PoolHarness().Create(maxSessions: 1, options => options.LeaseTimeout = TimeSpan.FromMilliseconds(100));
        var release = new TaskCompletionSource();
        var holder = pool.RunAsync(async (_, token) => { await release.Task.WaitAsync(token); return 0; }, Token);

        var exception = await Assert.ThrowsAsync<CliException>(() => pool.RunAsync((_, _) => Task.FromResult(1), Token));

        Assert.Equal(CliFailure.SessionsBusy, exception.Failure);
        Assert.Contains("MaxSessions", exception.Message, StringComparison.Ordinal);
        release.SetResult();
        await holder;
    }

    [Fact]
    public async Task RunIdempotent_SessionLostMidCommand_RetriedOnceOnFreshSession()
    {
        var harness = new PoolHarness();
        var dropped = 0;
        harness.Hook = (transport, command) =>
        {
            if (command == "display x" && Interlocked.Exchange(ref dropped, 1) == 0)
            {
                transport.Drop();
                return Silent;
            }

            return null;
        };
        await using var pool = harness.Create();

        var output = await pool.RunIdempotentAsync((channel, token) => Send(channel, "display x", token), Token);

        Assert.Equal("answer to display x", output);
        Assert.Equal(2, pool.Opened);
        Assert.Equal(1, pool.Reconnects);
        Assert.Equal(1, pool.OpenSessions);
    }

    [Fact]
    public async Task Run_WriteLosesSession_NotRetried()
    {
        var harness = new PoolHarness();
        var attempts = 0;
        harness.Hook = (transport, command) =>
        {
            if (command == "set x")
            {
                Interlocked.Increment(ref attempts);
                transport.Drop();
                return Silent;
            }

            return null;
        };
        await using var pool = harness.Create();

        var exception = await Assert.ThrowsAsync<CliException>(() => pool.RunAsync((channel, token) => Send(channel, "set x", token), Token));

        Assert.Equal(CliFailure.ConnectionLost, exception.Failure);
        Assert.Equal(1, attempts);
        Assert.Equal(0, pool.Reconnects);
        Assert.Equal(0, pool.OpenSessions);
    }

    [Fact]
    public async Task Run_IdleSessionDroppedByDevice_ReplacedOnNextLease()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 1);
        await pool.RunAsync((channel, token) => Send(channel, "a", token), Token);
        Assert.True(harness.Transports.TryPeek(out var first));
        first.Drop();

        var output = await pool.RunAsync((channel, token) => Send(channel, "b", token), Token);

        Assert.Equal("answer to b", output);
        Assert.Equal(2, pool.Opened);
        Assert.Equal(1, pool.OpenSessions);
    }

    [Fact]
    public async Task Run_OperationFailsOnAnUnreadableAnswer_SessionDiscardedAndNextLeaseOpensAFreshOne()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 1);

        await Assert.ThrowsAsync<FormatException>(() => pool.RunAsync<int>(
            async (channel, token) => { await Send(channel, "display x", token); throw new FormatException("unreadable answer"); }, Token));
        var output = await pool.RunAsync((channel, token) => Send(channel, "display y", token), Token);

        Assert.Equal("answer to display y", output);
        Assert.Equal(2, pool.Opened);
        Assert.Equal(1, pool.Discarded);
        Assert.Equal(1, pool.OpenSessions);
        Assert.True(harness.Transports.TryPeek(out var first));
        Assert.False(first.IsConnected); // closed, not left idle
    }

    [Fact]
    public async Task Run_HostileOutputOverflowsTheLine_SessionDiscardedAndNextLeaseOpensAFreshOne()
    {
        var harness = new PoolHarness { Hook = (_, command) => command == "display x" ? "display x\r\n\u001b[100000000Cx\r\n<BRAS>" : null };
        await using var pool = harness.Create(maxSessions: 1);

        var exception = await Assert.ThrowsAsync<CliException>(() => pool.RunIdempotentAsync((channel, token) => Send(channel, "display x", token), Token));
        var output = await pool.RunAsync((channel, token) => Send(channel, "display y", token), Token);

        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.Equal("answer to display y", output);
        Assert.Equal(2, pool.Opened);
        Assert.Equal(0, pool.Reconnects); // a protocol error is not a lost session: not retried
        Assert.Equal(1, pool.Discarded);
    }

    [Fact]
    public async Task Run_FailureDeclaredACleanAnswer_SessionReused()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 1, options => options.KeepSessionAfter = e => e is KeyNotFoundException);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => pool.RunAsync<int>(
            async (channel, token) => { await Send(channel, "display x", token); throw new KeyNotFoundException("no such line"); }, Token));
        await Assert.ThrowsAsync<FormatException>(() => pool.RunAsync<int>((_, _) => throw new FormatException("garbled"), Token));
        var output = await pool.RunAsync((channel, token) => Send(channel, "display y", token), Token);

        Assert.Equal("answer to display y", output);
        Assert.Equal(2, pool.Opened); // the clean answer kept its session; the garbled one did not
        Assert.Equal(1, pool.Discarded);
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
