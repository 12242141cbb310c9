namespace SpeedUp.Protocols.Cli.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task SendCommand_ConcurrentCallers_SerializedAndEachGetsOwnAnswer()
    {
        var inFlight = 0;
        var overlaps = 0;
        InMemoryTransport? transport = null;
        transport = new InMemoryTransport(
            input =>
            {
                if (Interlocked.Increment(ref inFlight) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                var command = input.TrimEnd('\r');
                _ = Task.Run(async () =>
                {
                    await Task.Delay(2);
                    Interlocked.Decrement(ref inFlight);
                    transport!.Push($"{command}\r\nanswer to {command}\r\n<BRAS>");
                });
                return null;
            },
            "<BRAS>")
        { ChunkSize = 5 };
        await using var channel = await ScriptedDevice.OpenAsync(transport);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => channel.SendCommandAsync($"display item {i}", TestContext.Current.CancellationToken))));

        Assert.Equal(0, overlaps);
        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal($"answer to display item {i}", responses[i].Output);
        }
    }
}
