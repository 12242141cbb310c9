using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using static SpeedUp.Protocols.Cli.Tests.PoolHarness;

namespace SpeedUp.Protocols.Cli.Tests;

public sealed class CliSessionPoolLifecycleTests
{
    [Fact]
    public async Task KeepAlive_IdleSessionProbedWithEmptyLine_DeadOneDiscarded()
    {
        var time = new FakeTimeProvider();
        var harness = new PoolHarness { Time = time };
        var silent = false;
        harness.Hook = (_, command) => command.Length == 0 && Volatile.Read(ref silent) ? Silent : null;
        await using var pool = harness.Create(configure: options =>
        {
            options.KeepAliveInterval = TimeSpan.FromSeconds(30);
            options.ProbeTimeout = TimeSpan.FromSeconds(5);
        });
        await pool.RunAsync((channel, token) => Send(channel, "a", token), Token);
        Assert.True(harness.Transports.TryPeek(out var transport));

        await AdvanceUntil(time, () => transport.Writes.Contains("\r"));
        Assert.Equal(1, pool.OpenSessions);
        Volatile.Write(ref silent, true);
        await AdvanceUntil(time, () => pool.OpenSessions == 0);

        Assert.False(transport.IsConnected);
        Assert.Equal("answer to b", await pool.RunAsync((channel, token) => Send(channel, "b", token), Token));
    }

    [Fact]
    public async Task IdleTimeout_UnusedSessionClosed()
    {
        var time = new FakeTimeProvider();
        var harness = new PoolHarness { Time = time };
        await using var pool = harness.Create(configure: options =>
        {
            options.IdleTimeout = TimeSpan.FromMinutes(5);
            options.KeepAliveInterval = TimeSpan.Zero;
        });
        await pool.RunAsync((channel, token) => Send(channel, "a", token), Token);
        time.Advance(TimeSpan.FromMinutes(4));
        await Task.Yield();
        Assert.Equal(1, pool.OpenSessions); // not idle long enough

        await AdvanceUntil(time, () => pool.OpenSessions == 0);

        Assert.All(harness.Transports, transport => Assert.False(transport.IsConnected));
    }

    [Fact]
    public async Task Drain_WaitsForLeasedSession_RefusesNewOnes_ThenClosesAll()
    {
        var harness = new PoolHarness();
        var pool = harness.Create();
        var release = new TaskCompletionSource();
        var running = pool.RunAsync(async (channel, token) => { await release.Task.WaitAsync(token); return await Send(channel, "late", token); }, Token);
        await WaitUntil(() => pool.LeasedSessions == 1);

        var drain = pool.DrainAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50, Token);
        Assert.False(drain.IsCompleted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.RunAsync((_, _) => Task.FromResult(0), Token));
        release.SetResult();

        Assert.Equal("answer to late", await running);
        Assert.True(await drain);
        Assert.Equal(0, pool.OpenSessions);
        Assert.All(harness.Transports, transport => Assert.False(transport.IsConnected));
        await pool.DisposeAsync();
    }

    [Fact]
    public async Task Drain_LeasedSessionNeverReturns_FalseAfterTimeout()
    {
        var time = new FakeTimeProvider();
        var pool = new PoolHarness { Time = time }.Create();
        using var stuck = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var running = pool.RunAsync(async (_, token) => { await Task.Delay(Timeout.Infinite, token); return 0; }, stuck.Token);
        await WaitUntil(() => pool.LeasedSessions == 1);

        var drain = pool.DrainAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(drain.IsCompleted);
        await AdvanceUntil(time, () => drain.IsCompleted);
        Assert.False(await drain);

        await stuck.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await pool.DisposeAsync();
    }

    [Fact]
    public async Task Transcript_CommandsAndOutputs_PasswordAndDialectSecretsMasked()
    {
        const string password = "S3cr3t-Login!";
        var sink = new ListTranscriptSink();
        var dialect = TestDialect.Huawei with { SecretPatterns = [new Regex(@"password cipher (?<secret>\S+)", RegexOptions.None, TimeSpan.FromSeconds(1))] };
        var harness = new PoolHarness
        {
            Hook = (_, command) => command == "display users"
                ? $"{command}\r\n local-user admin password cipher %^%#abc123%^%#\r\n login {password}\r\n<BRAS>"
                : null,
        };
        await using var pool = harness.Create(
            configure: options => options.ChannelOptions = new CliChannelOptions { Transcript = sink, MaskedValues = [password] },
            dialect: dialect);

        var output = await pool.RunAsync((channel, token) => Send(channel, "display users", token), Token);

        Assert.Contains(password, output, StringComparison.Ordinal);
        var entry = Assert.Single(sink.Entries, e => e.Command == "display users");
        Assert.DoesNotContain(password, entry.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", entry.Output, StringComparison.Ordinal);
        Assert.Contains("password cipher ******", entry.Output, StringComparison.Ordinal);
        Assert.Contains("login ******", entry.Output, StringComparison.Ordinal);
        Assert.Equal("<BRAS>", entry.Prompt);
    }

    /// <summary>Moves the fake clock a second at a time (letting the pool's timers run) until the condition holds.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1, Token);
        }

        Assert.True(condition(), "condition not reached within 1000 simulated seconds");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Token);
        }

        Assert.True(condition(), "condition not reached within 5 s");
    }
}
