using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>Output a device may send to exhaust the service's memory: every buffer of the CLI stack has a cap.</summary>
public sealed class HostileOutputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendCommand_EndlessLineWithoutPrompt_FailsAtTheLineCapAndClosesTheSession()
    {
        var transport = new FloodingTransport("AAAAAAAAAAAAAAAA");
        var channel = new CliChannel(transport, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(30), MaxLineChars = 4096 });
        await channel.OpenAsync(Token);

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.SendCommandAsync("display x", Token));

        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.Contains("4096 characters (MaxLineChars)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'display x'", exception.Message, StringComparison.Ordinal);
        Assert.InRange(transport.BytesSent, 4096, 4096 + 8192); // stopped within one read of the cap
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task SendCommand_EndlessLinesWithoutPrompt_FailsAtTheOutputCapWithoutCopyingTheScreenPerRead()
    {
        var transport = new FloodingTransport("0123456789 counter line\r\n");
        var channel = new CliChannel(transport, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = TimeSpan.FromSeconds(30) });
        await channel.OpenAsync(Token);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.SendCommandAsync("display x", Token));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.Contains($"{CliChannelOptions.DefaultMaxOutputChars} characters (MaxOutputChars)", exception.Message, StringComparison.Ordinal);
        // 25 bytes a line keep 24 characters (the CR is not kept): the flood stopped within one read of the cap.
        Assert.InRange(transport.BytesSent, CliChannelOptions.DefaultMaxOutputChars, (CliChannelOptions.DefaultMaxOutputChars * 25L / 24) + 8192);
        // The screen (2 bytes a char, doubling growth) and per-line strings: a few times the cap, never cap² / read size.
        Assert.InRange(allocated, 0, 64L * 1024 * 1024);
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task SendCommand_CursorJumpOfHundredMillionColumns_FailsWithoutAllocatingTheLine()
    {
        var transport = new InMemoryTransport(input => "display x\r\n\u001b[100000000Cx\r\n<BRAS>", "<BRAS>");
        await using var channel = await ScriptedDevice.OpenAsync(transport);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.SendCommandAsync("display x", Token));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(CliFailure.ProtocolError, exception.Failure);
        Assert.Contains($"{CliChannelOptions.DefaultMaxLineChars} characters (MaxLineChars)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("escape sequence", exception.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 32L * 1024 * 1024); // the old screen padded the line with 10^8 blanks: 200 MB
        Assert.False(channel.IsOpen);
    }

    [Theory]
    [InlineData("\u001b[2147483647Cx")]
    [InlineData("\u001b[99999C\u001b[99999C\u001b[99999Cx")]
    public void TerminalLine_CursorMovedPastTheWidth_StaysAtTheWidthAndOverflows(string input)
    {
        var screen = new TerminalLine(maxLineChars: 100);

        screen.Feed(input);

        Assert.True(screen.Overflowed);
        Assert.Equal("", screen.Current); // nothing was written, no blank padding either
    }

    [Fact]
    public void TerminalLine_Reset_ClearsOverflow()
    {
        var screen = new TerminalLine(maxLineChars: 80);
        screen.Feed(new string('x', 81));
        Assert.True(screen.Overflowed);
        Assert.Equal(80, screen.Current.Length);

        screen.Reset();

        Assert.False(screen.Overflowed);
    }

    [Fact]
    public void InboundBacklog_PastTheLimit_OverflowsOnceAndForGood()
    {
        var backlog = new InboundBacklog(limit: 10_000);

        Assert.False(backlog.Received(8_000));
        backlog.Read(8_000);
        Assert.False(backlog.Received(9_000)); // read bytes do not count
        Assert.True(backlog.Received(2_000));
        Assert.False(backlog.Received(2_000)); // reported once
        backlog.Read(13_000);

        Assert.True(backlog.Overflowed);
        Assert.Equal(0, backlog.Pending);
    }

    [Theory]
    [InlineData(0, 65_536)]
    [InlineData(1_000, 79)]
    public void Channel_LimitBelowItsMinimum_Refused(int maxOutputChars, int maxLineChars) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CliChannel(
            new FloodingTransport("x"), TestDialect.Huawei, new CliChannelOptions { MaxOutputChars = maxOutputChars, MaxLineChars = maxLineChars }));

    [Fact]
    public void SshTransport_PendingLimitBelowFourKiB_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SshShellTransport(new SshTransportOptions { MaxPendingBytes = 1024 }));
}
