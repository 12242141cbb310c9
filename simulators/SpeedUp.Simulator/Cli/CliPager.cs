namespace SpeedUp.Simulator;

/// <summary>
/// Paging: after a page of lines, the vendor's pager line (<see cref="CliPagerStyle"/>); space shows the next
/// page, Enter one more line, any other key ends the output. The pager line is then wiped. Faults may slow the
/// output down line by line and garble it.
/// </summary>
internal static class CliPager
{
    /// <summary>Writes the lines (each ended by \r\n); false when the peer closed the channel while paging.</summary>
    public static async Task<bool> WriteAsync(
        CliTerminal terminal, IReadOnlyList<string> lines, int pageLength, CliPagerStyle style, SimulatorFaults faults, CancellationToken ct)
    {
        var budget = pageLength <= 0 ? int.MaxValue : pageLength;
        for (var i = 0; i < lines.Count; i++)
        {
            if (budget == 0)
            {
                terminal.Write(style.MorePrompt);
                var key = await terminal.ReadByteAsync(ct);
                terminal.Write(style.Wipe);
                switch (key)
                {
                    case -1:
                        return false;
                    case ' ':
                        budget = pageLength;
                        break;
                    case '\r':
                        terminal.SkipNextLineFeed();
                        budget = 1;
                        break;
                    case '\n':
                        budget = 1;
                        break;
                    default:
                        return true;
                }
            }

            var delay = faults.LineDelay;
            if (delay > TimeSpan.Zero)
            {
                await terminal.FlushAsync(ct);
                await Task.Delay(delay, ct);
            }

            terminal.Write(OutputGarbler.Apply(lines[i], faults.Garble));
            terminal.Write("\r\n");
            budget--;
        }

        return true;
    }
}
