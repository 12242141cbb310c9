using System.Text;

namespace SpeedUp.Simulator;

/// <summary>Reads one command line with echo, like a device behind a raw channel: \r, \n or \r\n end it; 0x7f/0x08 erase.</summary>
internal static class CliLineEditor
{
    private const int MaxLineLength = 510;
    private const byte Escape = 0x1b;

    /// <summary>The line typed (without terminator), or null when the peer closed the channel.</summary>
    public static async Task<string?> ReadLineAsync(CliTerminal terminal, CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            var b = await terminal.ReadByteAsync(ct);
            switch (b)
            {
                case -1:
                    return null;
                case '\r':
                    terminal.SkipNextLineFeed();
                    return line.ToString();
                case '\n':
                    return line.ToString();
                case 0x7f or 0x08:
                    if (line.Length > 0)
                    {
                        line.Length--;
                        terminal.Write("\b \b");
                    }

                    break;
                case Escape:
                    await SkipEscapeSequenceAsync(terminal, ct);
                    break;
                case >= 0x20 and < 0x7f:
                    if (line.Length < MaxLineLength)
                    {
                        line.Append((char)b);
                        terminal.Write((char)b);
                    }

                    break;
                default:
                    break; // other control characters and non-ASCII bytes are ignored
            }
        }
    }

    /// <summary>Swallows a CSI sequence (arrow keys etc.): ESC '[' parameters final-byte.</summary>
    private static async Task SkipEscapeSequenceAsync(CliTerminal terminal, CancellationToken ct)
    {
        var b = await terminal.ReadByteAsync(ct);
        if (b != '[')
        {
            return;
        }

        do
        {
            b = await terminal.ReadByteAsync(ct);
        }
        while (b is >= 0x20 and < 0x40);
    }
}
