namespace SpeedUp.Simulator;

/// <summary>One CLI session over a raw byte stream: banner, prompt, echo, commands, paging, faults.</summary>
internal static class CliSession
{
    public static async Task RunAsync(
        Stream stream, CliCommandProcessor processor, SimulatorFaults faults, int sessionNumber, int maxSessions, CancellationToken ct)
    {
        var terminal = new CliTerminal(stream);
        if (sessionNumber > maxSessions)
        {
            terminal.Write("\r\nError: The number of VTY users reached the maximum " + maxSessions + ".\r\n");
            await terminal.FlushAsync(ct);
            return;
        }

        var context = new CliSessionContext();
        terminal.Write("\r\nInfo: The max number of VTY users is " + maxSessions + ", and the number\r\n");
        terminal.Write("      of current VTY users on line is " + sessionNumber + ".\r\n");
        terminal.Write(processor.Prompt(context.View));
        while (true)
        {
            var line = await CliLineEditor.ReadLineAsync(terminal, ct);
            if (line is null)
            {
                return;
            }

            terminal.Write("\r\n");
            if (!string.IsNullOrWhiteSpace(line))
            {
                if (faults.TryConsumeDrop())
                {
                    return;
                }

                var latency = faults.CommandLatency;
                if (latency > TimeSpan.Zero)
                {
                    await terminal.FlushAsync(ct);
                    await Task.Delay(latency, ct);
                }
            }

            var result = processor.Execute(context, line);
            if (!await CliPager.WriteAsync(terminal, result.Lines, context.PageLength, ct))
            {
                return;
            }

            if (result.CloseSession)
            {
                await terminal.FlushAsync(ct);
                return;
            }

            terminal.Write(processor.Prompt(context.View));
        }
    }
}
