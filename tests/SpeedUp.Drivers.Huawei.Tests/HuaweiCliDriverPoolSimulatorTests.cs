using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>The driver's session pool against the simulator behind real sshd.</summary>
[Collection(HuaweiSimulatorCollection.Name)]
public sealed class HuaweiCliDriverPoolSimulatorTests(HuaweiSimulatorFixture fixture)
{
    private static readonly LineReference Line1 = new(330100001, "zj0571a0001");
    private static readonly LineReference Line2 = new(330100002, "zj0571a0002");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_ManyConcurrent_DeviceNeverSeesMoreThanMaxSessions()
    {
        await WaitUntil(() => fixture.Simulator.ActiveCliSessions == 0);
        await using var driver = fixture.CreateDriver(maxSessions: 3);
        fixture.Simulator.Faults.CommandLatency = TimeSpan.FromMilliseconds(15);
        var peak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, fixture.Simulator.ActiveCliSessions);
                await Task.Delay(2, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
            var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                Task.Run(() => driver.ReadLineAsync(i % 2 == 0 ? Line1 : Line2, Token))));

            Assert.All(reads, read => Assert.Contains(read.BandId, new[] { Line1.BandId, Line2.BandId }));
        }
        finally
        {
            fixture.Simulator.Faults.Clear();
            await sampling.CancelAsync();
            await sampler;
        }

        Assert.InRange(peak, 1, 3);
        Assert.InRange(driver.Sessions.Opened, 2, 3);
        Assert.Equal(0, driver.Sessions.LeasedSessions);
    }

    [Fact]
    public async Task Reads_SessionKilledByDevice_ReconnectedAndRetriedOnce()
    {
        await using var driver = fixture.CreateDriver(maxSessions: 2);
        await Task.WhenAll(driver.ReadLineAsync(Line1, Token), driver.ReadLineAsync(Line2, Token));
        var openedBefore = driver.Sessions.Opened;
        fixture.Simulator.Faults.DropConnectionOnNextCommand();

        var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => driver.ReadLineAsync(Line1, Token)));

        Assert.All(reads, read => Assert.Equal(Line1.BandId, read.BandId));
        Assert.False(fixture.Simulator.Faults.DropArmed);
        Assert.Equal(1, driver.Sessions.Reconnects);
        Assert.InRange(driver.Sessions.Opened, openedBefore, openedBefore + 1);
        Assert.InRange(driver.Sessions.OpenSessions, 1, 2);
    }

    [Fact]
    public async Task SetRate_SessionKilledBeforeChangeSent_RetriedOnFreshSessionAndConfirmed()
    {
        await using var driver = fixture.CreateDriver(maxSessions: 1);
        var before = await driver.ReadLineAsync(Line2, Token);
        fixture.Simulator.Faults.DropConnectionOnNextCommand();
        try
        {
            var rates = await driver.SetRateAsync(Line2, Direction.Up, 12000, Token);

            Assert.Equal(12000, rates.UpKbps);
            Assert.Equal(2, driver.Sessions.Opened);
            Assert.Equal(12000, fixture.Simulator.State.FindByAccount(Line2.Account)!.UpKbps);
        }
        finally
        {
            await driver.SetRateAsync(Line2, Direction.Up, before.Current.UpKbps, Token);
        }
    }

    [Fact]
    public async Task Drain_RateChangeInFlight_CompletesThenSessionsClosedAndNewOperationsRefused()
    {
        await WaitUntil(() => fixture.Simulator.ActiveCliSessions == 0);
        var driver = fixture.CreateDriver(maxSessions: 2);
        await driver.ProbeAsync(Token);
        var before = await driver.ReadLineAsync(Line1, Token);
        fixture.Simulator.Faults.CommandLatency = TimeSpan.FromMilliseconds(100);
        Task<LineRates> change;
        try
        {
            change = driver.SetRateAsync(Line1, Direction.Down, 100000, Token);
            await WaitUntil(() => driver.Sessions.LeasedSessions == 1);

            var drained = await driver.DrainAsync(TimeSpan.FromSeconds(10));

            Assert.True(drained);
            Assert.Equal(100000, (await change).DownKbps);
            Assert.Equal(0, driver.Sessions.OpenSessions);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ReadLineAsync(Line1, Token));
            await WaitUntil(() => fixture.Simulator.ActiveCliSessions == 0);
        }
        finally
        {
            fixture.Simulator.Faults.Clear();
            await driver.DisposeAsync();
            await using var restore = fixture.CreateDriver();
            await restore.SetRateAsync(Line1, Direction.Down, before.Current.DownKbps, Token);
        }
    }

    [Fact]
    public async Task Transcript_TraceLogOfRealSession_HoldsCommandsButNeverThePassword()
    {
        var loggers = new CapturingLoggerFactory();
        await using (var driver = fixture.CreateDriver(loggers: loggers))
        {
            var before = await driver.ReadLineAsync(Line1, Token);
            await driver.SetRateAsync(Line1, Direction.Up, before.Current.UpKbps, Token);
        }

        var transcript = loggers.Messages.Where(m => m.Category == LoggerTranscriptSink.Category).Select(m => m.Message).ToList();
        Assert.Contains(transcript, m => m.Contains("display access-user user-name zj0571a0001", StringComparison.Ordinal) && m.Contains("Band id", StringComparison.Ordinal));
        Assert.Contains(transcript, m => m.Contains("car inbound cir", StringComparison.Ordinal));
        Assert.All(transcript, m => Assert.Equal(LogLevel.Trace, loggers.Messages.First(x => x.Message == m).Level));
        Assert.DoesNotContain(loggers.Messages, m => m.Message.Contains(fixture.Simulator.SshPassword, StringComparison.Ordinal));
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
