using static SpeedUp.Protocols.Cli.Tests.PoolHarness;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>
/// <see cref="CliSessionPool.WarmUpAsync"/>: a cold pool charges the first burst of concurrent operations with one login
/// each (on SSH ≈ 0.5 s when 7 logins share 2 cores: the 8-in-flight tail of the cli benchmark); warmed, none of them logs in.
/// </summary>
public sealed class CliSessionPoolWarmUpTests
{
    [Fact]
    public async Task Burst_ColdPool_EachConcurrentOperationBeyondTheFirstOpensItsOwnSession()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 4);
        await pool.RunAsync((channel, token) => Send(channel, "a", token), Token);

        var openedInside = await BurstAsync(pool, 4);

        Assert.Equal(3, openedInside);
    }

    [Fact]
    public async Task Burst_AfterWarmUp_NoOperationOpensASession()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 4);
        await pool.RunAsync((channel, token) => Send(channel, "a", token), Token);

        var opened = await pool.WarmUpAsync(8, Token); // more than MaxSessions: clamped; the idle one counts
        Assert.Equal(3, opened);
        Assert.Equal(4, pool.OpenSessions);
        Assert.Equal(0, pool.LeasedSessions);
        Assert.All(harness.Transports, transport => Assert.True(transport.IsConnected));

        var openedInside = await BurstAsync(pool, 4);

        Assert.Equal(0, openedInside);
        Assert.Equal(4, harness.Transports.Count);
        Assert.All(harness.Transports, transport => Assert.Equal(1, transport.OpenCount));
    }

    [Fact]
    public async Task WarmUp_AlreadyWarm_OpensNothing()
    {
        var harness = new PoolHarness();
        await using var pool = harness.Create(maxSessions: 3);

        Assert.Equal(3, await pool.WarmUpAsync(3, Token));
        Assert.Equal(0, await pool.WarmUpAsync(3, Token));
        Assert.Equal(0, await pool.WarmUpAsync(0, Token));

        Assert.Equal(3, pool.Opened);
        Assert.Equal(3, harness.Transports.Count);
    }

    [Fact]
    public async Task WarmUp_OneLoginRefused_ThrowsAndTheOthersStayIdle()
    {
        var harness = new PoolHarness();
        var created = 0;
        harness.Created = transport =>
        {
            if (Interlocked.Increment(ref created) == 2)
            {
                transport.OpenFailure = new CliException(CliFailure.AuthenticationFailed, "refused");
            }
        };
        await using var pool = harness.Create(maxSessions: 3);

        var exception = await Assert.ThrowsAsync<CliException>(() => pool.WarmUpAsync(3, Token));

        Assert.Equal(CliFailure.AuthenticationFailed, exception.Failure);
        Assert.Equal(2, pool.Opened);
        Assert.Equal(2, pool.OpenSessions);
        Assert.Equal(0, pool.LeasedSessions);
        Assert.Equal("answer to b", await pool.RunAsync((channel, token) => Send(channel, "b", token), Token));
        Assert.Equal(2, pool.Opened);
    }

    [Fact]
    public async Task WarmUp_PoolDraining_Refused()
    {
        var harness = new PoolHarness();
        var pool = harness.Create(maxSessions: 2);
        await pool.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.WarmUpAsync(2, Token));
        Assert.Empty(harness.Transports);
    }

    /// <summary>
    /// Runs <paramref name="count"/> operations that all hold their session until every one has one (so they are
    /// truly concurrent); returns how many sessions were opened while they ran.
    /// </summary>
    private static async Task<long> BurstAsync(CliSessionPool pool, int count)
    {
        var before = pool.Opened;
        var leased = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => pool.RunAsync(
            async (channel, token) =>
            {
                if (Interlocked.Increment(ref leased) == count)
                {
                    all.SetResult();
                }

                await all.Task.WaitAsync(token);
                return await Send(channel, $"display {i}", token);
            },
            Token)));
        return pool.Opened - before;
    }
}
