namespace SpeedUp.Simulator;

/// <summary>One CLI session over a raw byte stream: banner, prompt, echo, commands, paging, faults.</summary>
internal static class CliSession
{
    public static async Task RunAsync(
        Stream stream, ProfileCliGrammar grammar, SimulatorFaults faults, ReceivedLog received, int sessionNumber, int maxSessions, CancellationToken ct)
    {
        var terminal = new CliTerminal(stream);
        if (sessionNumber > maxSessions)
        {
            terminal.Write(grammar.TooManySessions(maxSessions));
            await terminal.FlushAsync(ct);
            return;
        }

        var context = grammar.NewSession();
        terminal.Write(grammar.Banner(sessionNumber, maxSessions));
        terminal.Write(grammar.Prompt(context));
        while (true)
        {
            var line = await CliLineEditor.ReadLineAsync(terminal, ct);
            if (line is null)
            {
                return;
            }

            received.RecordCliLine(line, sessionNumber);
            terminal.Write("\r\n");
            if (!string.IsNullOrWhiteSpace(line))
            {
                if (faults.ShouldDropCliCommand(line))
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

            var result = grammar.Execute(context, line);
            var pageLength = faults.EffectivePageLength(context.PageLength);
            if (!await CliPager.WriteAsync(terminal, result.Lines, pageLength, grammar.Pager, faults, ct))
            {
                return;
            }

            if (result.CloseSession)
            {
                await terminal.FlushAsync(ct);
                if (result.DisconnectAll)
                {
                    faults.DisconnectAllCliSessions();
                }

                return;
            }

            terminal.Write(result.Question ?? grammar.Prompt(context));
        }
    }
}
