namespace SpeedUp.Protocols.Cli.Tests;

public sealed class ChannelFailureTests
{
    [Fact]
    public async Task SendCommand_NoPrompt_TimeoutNamesLastBytesAndCauses()
    {
        var transport = new InMemoryTransport(_ => "display x\r\nsome output\r\nBRAS#", "<BRAS>");
        await using var channel = await ScriptedDevice.OpenAsync(transport, timeout: TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAsync<CliException>(
            () => channel.SendCommandAsync("display x", TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.Timeout, exception.Failure);
        Assert.Contains("'display x'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("some output\\r\\nBRAS#", exception.Message, StringComparison.Ordinal);
        Assert.Contains("prompt pattern", exception.Message, StringComparison.Ordinal);
        Assert.Contains("pager", exception.Message, StringComparison.Ordinal);
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task Open_NoPrompt_Timeout()
    {
        var transport = new InMemoryTransport(_ => null, "Welcome\r\nBRAS>");
        var channel = new CliChannel(transport, TestDialect.Huawei, new CliChannelOptions { CommandTimeout = TimeSpan.FromMilliseconds(100) });

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.Timeout, exception.Failure);
        Assert.Contains("(login)", exception.Message, StringComparison.Ordinal);
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task SendCommand_Cancelled_ThrowsAndClosesSession()
    {
        var transport = new InMemoryTransport(_ => null, "<BRAS>");
        await using var channel = await ScriptedDevice.OpenAsync(transport);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendCommandAsync("display x", cancellation.Token));

        Assert.False(channel.IsOpen);
        var next = await Assert.ThrowsAsync<CliException>(() => channel.SendCommandAsync("display x", TestContext.Current.CancellationToken));
        Assert.Equal(CliFailure.ConnectionLost, next.Failure);
    }

    [Fact]
    public async Task SendCommand_DeviceDropsSession_ConnectionLost()
    {
        InMemoryTransport? transport = null;
        transport = new InMemoryTransport(
            _ =>
            {
                transport!.Push("display x\r\npartial");
                transport.Drop();
                return null;
            },
            "<BRAS>");
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.SendCommandAsync("display x", TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.ConnectionLost, exception.Failure);
        Assert.Contains("partial", exception.Message, StringComparison.Ordinal);
        Assert.False(channel.IsOpen);
    }

    [Theory]
    [InlineData("display x\nreboot")]
    [InlineData("display x\r")]
    [InlineData("a\u0003")]
    public async Task SendCommand_ControlCharacters_RejectedBeforeSending(string command)
    {
        var transport = ScriptedDevice.Create("<BRAS>", new Dictionary<string, string>());
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        await Assert.ThrowsAsync<ArgumentException>(() => channel.SendCommandAsync(command, TestContext.Current.CancellationToken));

        Assert.Empty(transport.Writes);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task Open_TransportFails_ExceptionSurfaces()
    {
        var transport = new InMemoryTransport(_ => null, "<BRAS>")
        {
            OpenFailure = new CliException(CliFailure.AuthenticationFailed, "refused"),
        };
        var channel = new CliChannel(transport, TestDialect.Huawei);

        var exception = await Assert.ThrowsAsync<CliException>(() => channel.OpenAsync(TestContext.Current.CancellationToken));

        Assert.Equal(CliFailure.AuthenticationFailed, exception.Failure);
        Assert.False(channel.IsOpen);
    }
}
