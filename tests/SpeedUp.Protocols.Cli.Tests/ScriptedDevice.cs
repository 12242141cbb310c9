namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>Builds in-memory devices that echo each command, answer from a table and print a prompt.</summary>
internal static class ScriptedDevice
{
    public static InMemoryTransport Create(string prompt, IReadOnlyDictionary<string, string> answers, bool echo = true) =>
        new(
            input =>
            {
                var command = input.TrimEnd('\r', '\n');
                var answer = answers.TryGetValue(command, out var text) ? text : "";
                return (echo ? command + "\r\n" : "") + answer + prompt;
            },
            "\r\nInfo: The max number of VTY users is 10.\r\n\r\n" + prompt);

    public static async Task<CliChannel> OpenAsync(InMemoryTransport transport, CliDialect? dialect = null, TimeSpan? timeout = null)
    {
        var channel = new CliChannel(
            transport,
            dialect ?? TestDialect.Huawei,
            new CliChannelOptions { CommandTimeout = timeout ?? TimeSpan.FromSeconds(5) });
        await channel.OpenAsync(TestContext.Current.CancellationToken);
        return channel;
    }
}
