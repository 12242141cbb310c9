using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>
/// A prompt the dialect does not match fails fast as "prompt not matched" (CliChannelOptions.PromptMismatchAfter), on a
/// fake clock; a slow device (silent after a line break, or still sending) still gets the whole timeout.
/// </summary>
public sealed class PromptMismatchTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>exec &lt;HOST&gt;, config [HOST] (host names without '~'), by name as a dialect file gives them.</summary>
    private static CliDialect Named { get; } = new()
    {
        Name = "test-named",
        PromptPattern = new Regex(@"(?:^<(?<host>[A-Za-z0-9-]{1,64})>$)|(?:^\[(?<host>[A-Za-z0-9-]{1,64})\]$)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
        NamedPrompts = [new("exec", "^<(?<host>[A-Za-z0-9-]{1,64})>$"), new("config", @"^\[(?<host>[A-Za-z0-9-]{1,64})\]$")],
        FailureIndicators = ["Error:"],
    };

    [Fact]
    public async Task Open_WrongPrompt_PromptNotMatchedWithinSecondsNamingTheLineAndThePattern()
    {
        var time = new FakeTimeProvider();
        var device = new InMemoryTransport(_ => null, "\r\nInfo: The max number of VTY users is 10.\r\n\r\nBRAS>");
        var channel = new CliChannel(device, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(60), TimeProvider = time });

        var open = channel.OpenAsync(Token);
        var elapsed = await device.AdvanceUntilDoneAsync(time, open, Step, TimeSpan.FromSeconds(70));

        var exception = await Assert.ThrowsAsync<CliException>(() => open);
        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.StartsWith("prompt not matched:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("after '(login)'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at the line 'BRAS>'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"prompt '{TestDialect.Huawei.PromptPattern}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"pager '{CliDialect.DefaultPagerPattern}'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task SendCommand_WrongConfigPrompt_PromptNotMatchedNamingTheCommandAndTheNamedPatterns()
    {
        var time = new FakeTimeProvider();
        var device = new InMemoryTransport(
            input => input == "system-view\r" ? "system-view\r\nEnter system view, return user view with return command.\r\n[~BRAS-01]" : null,
            "\r\n<BRAS-01>");
        await using var channel = new CliChannel(device, Named, new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(60), TimeProvider = time });
        await channel.OpenAsync(Token);

        var send = channel.SendCommandAsync("system-view", Token);
        var elapsed = await device.AdvanceUntilDoneAsync(time, send, Step, TimeSpan.FromSeconds(70));

        var exception = await Assert.ThrowsAsync<CliException>(() => send);
        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.StartsWith("prompt not matched: after 'system-view' the test-named device's output stopped for 2 s", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at the line '[~BRAS-01]'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(@"exec '^<(?<host>[A-Za-z0-9-]{1,64})>$', config '^\[(?<host>[A-Za-z0-9-]{1,64})\]$', pager '", exception.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        Assert.False(channel.IsOpen);
    }

    /// <summary>An open channel (Huawei prompts, fake clock) to a device that answers <c>display x</c> with <paramref name="answer"/> and then waits.</summary>
    private static async Task<(FakeTimeProvider Time, InMemoryTransport Device, CliChannel Channel)> OpenAnsweringDisplayAsync(string answer, TimeSpan commandTimeout)
    {
        var time = new FakeTimeProvider();
        var device = new InMemoryTransport(input => input == "display x\r" ? answer : null, "\r\n<BRAS>");
        var channel = new CliChannel(device, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = commandTimeout, TimeProvider = time });
        await channel.OpenAsync(Token);
        return (time, device, channel);
    }

    [Fact]
    public async Task SendCommand_SilentAfterALineBreak_StillTimeout()
    {
        var (time, device, channel) = await OpenAnsweringDisplayAsync("display x\r\n", TimeSpan.FromSeconds(10));
        await using var opened = channel;

        var send = channel.SendCommandAsync("display x", Token);
        var elapsed = await device.AdvanceUntilDoneAsync(time, send, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));

        var exception = await Assert.ThrowsAsync<CliException>(() => send);
        Assert.Equal(CliFailure.Timeout, exception.Failure);
        Assert.StartsWith("No prompt matching", exception.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(10), $"failed after {elapsed}, before the 10 s timeout");
    }

    [Fact]
    public async Task SendCommand_SlowAnswerAfterALineBreak_Answered()
    {
        var (time, device, channel) = await OpenAnsweringDisplayAsync("display x\r\n", TimeSpan.FromSeconds(10));
        await using var opened = channel;

        var send = channel.SendCommandAsync("display x", Token);
        await device.SettleAsync(send);
        time.Advance(TimeSpan.FromSeconds(5)); // the conformance kit's device delay, before each answer
        device.Push("  value : 1\r\n<BRAS>");

        var response = await send;
        Assert.Equal("  value : 1", response.Output);
        Assert.Equal("<BRAS>", response.Prompt);
    }

    [Fact]
    public async Task SendCommand_PromptLikeLineStillTrickling_NoMismatch()
    {
        var (time, device, channel) = await OpenAnsweringDisplayAsync("display x\r\nLoading: 10%", TimeSpan.FromSeconds(30));
        await using var opened = channel;

        var send = channel.SendCommandAsync("display x", Token);
        for (var percent = 20; percent <= 90; percent += 10)
        {
            await device.SettleAsync(send);
            Assert.False(send.IsCompleted, $"failed at {percent}%: {send.Exception?.InnerException?.Message}");
            time.Advance(TimeSpan.FromSeconds(1.5)); // each byte well within PromptMismatchAfter, 12 s in all
            device.Push($"\b\b\b{percent}%");
        }

        await device.SettleAsync(send);
        device.Push("\r\n<BRAS>");

        var response = await send;
        Assert.Equal("Loading: 90%", response.Output);
    }

    [Fact]
    public async Task SendCommand_StalledLineNotLikeAPrompt_StillTimeout()
    {
        var (time, device, channel) = await OpenAnsweringDisplayAsync("display x\r\nPlease wait...", TimeSpan.FromSeconds(10));
        await using var opened = channel;

        var send = channel.SendCommandAsync("display x", Token);
        var elapsed = await device.AdvanceUntilDoneAsync(time, send, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));

        var exception = await Assert.ThrowsAsync<CliException>(() => send);
        Assert.Equal(CliFailure.Timeout, exception.Failure);
        Assert.True(elapsed >= TimeSpan.FromSeconds(10), $"failed after {elapsed}, before the 10 s timeout");
    }

    [Fact]
    public async Task Open_SecretsInTheLastLine_MaskedInTheMessage()
    {
        var time = new FakeTimeProvider();
        var dialect = TestDialect.Huawei with { SecretPatterns = [new Regex(@"password cipher (?<secret>\S+)", RegexOptions.None, TimeSpan.FromSeconds(1))] };
        var device = new InMemoryTransport(_ => null, "Welcome\r\nuser admin login Zx9!pass password cipher %^%#abc123%^%# BRAS>");
        var channel = new CliChannel(device, dialect, new CliChannelOptions
        {
            CommandTimeout = TimeSpan.FromSeconds(60),
            TimeProvider = time,
            MaskedValues = ["Zx9!pass"],
        });

        var open = channel.OpenAsync(Token);
        await device.AdvanceUntilDoneAsync(time, open, Step, TimeSpan.FromSeconds(70));

        var exception = await Assert.ThrowsAsync<CliException>(() => open);
        Assert.StartsWith("prompt not matched:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'user admin login ****** password cipher ****** BRAS>'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zx9!pass", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_LongLastLine_CutTo120CharactersKeepingItsEnd()
    {
        var time = new FakeTimeProvider();
        var line = "HEAD" + new string('x', 300) + "-end#";
        var device = new InMemoryTransport(_ => null, "Welcome\r\n" + line);
        var channel = new CliChannel(device, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(60), TimeProvider = time });

        var open = channel.OpenAsync(Token);
        await device.AdvanceUntilDoneAsync(time, open, Step, TimeSpan.FromSeconds(70));

        var exception = await Assert.ThrowsAsync<CliException>(() => open);
        Assert.StartsWith("prompt not matched:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'…" + line[^120..] + "'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("HEAD", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_CheckDisabled_WrongPromptRunsIntoTheTimeout()
    {
        var time = new FakeTimeProvider();
        var device = new InMemoryTransport(_ => null, "Welcome\r\nBRAS>");
        var channel = new CliChannel(device, TestDialect.Huawei, new CliChannelOptions
        {
            CommandTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = time,
            PromptMismatchAfter = TimeSpan.Zero,
        });

        var open = channel.OpenAsync(Token);
        var elapsed = await device.AdvanceUntilDoneAsync(time, open, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));

        var exception = await Assert.ThrowsAsync<CliException>(() => open);
        Assert.Equal(CliFailure.Timeout, exception.Failure);
        Assert.Contains("(login)", exception.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(10), $"failed after {elapsed}, before the 10 s timeout");
    }

    [Fact]
    public void Constructor_NegativePromptMismatchAfter_Refused()
    {
        var device = new InMemoryTransport(_ => null, "<BRAS>");

        Assert.Throws<ArgumentOutOfRangeException>(() => new CliChannel(device, TestDialect.Huawei, new CliChannelOptions { PromptMismatchAfter = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Options_Default_TwoSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), new CliChannelOptions().PromptMismatchAfter);
    }
}
