using System.Text;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>Turns the screen text of one command into its output: echo removed, blank edges trimmed, failure found.</summary>
internal static class ResponseShaper
{
    /// <summary>Shapes the completed lines of one command's screen.</summary>
    /// <param name="command">The command sent (its echo is removed).</param>
    /// <param name="completed">Completed screen lines, each ending with <c>\n</c>.</param>
    /// <param name="failureIndicators">Line prefixes that mark a failure.</param>
    public static (string Output, string? ErrorLine) Shape(string command, string completed, IReadOnlyList<string> failureIndicators)
    {
        var lines = completed.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var start = EchoLineCount(command, lines, count);

        while (start < count && lines[start].Trim().Length == 0)
        {
            start++;
        }

        while (count > start && lines[count - 1].Trim().Length == 0)
        {
            count--;
        }

        string? errorLine = null;
        for (var i = start; i < count && errorLine is null; i++)
        {
            var trimmed = lines[i].TrimStart();
            foreach (var indicator in failureIndicators)
            {
                if (trimmed.StartsWith(indicator, StringComparison.Ordinal))
                {
                    errorLine = trimmed;
                    break;
                }
            }
        }

        return (string.Join('\n', lines, start, count - start), errorLine);
    }

    /// <summary>
    /// How many leading lines are the echo of <paramref name="command"/>. Compared without blanks, so a
    /// device that wraps a long command over several lines, or reprints the prompt before it, is handled.
    /// </summary>
    private static int EchoLineCount(string command, string[] lines, int count)
    {
        var target = WithoutBlanks(command);
        if (target.Length == 0 || count == 0)
        {
            return 0;
        }

        var first = WithoutBlanks(lines[0]);
        if (first.EndsWith(target, StringComparison.Ordinal))
        {
            return 1;
        }

        var accumulated = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            accumulated.Append(WithoutBlanks(lines[i]));
            var soFar = accumulated.ToString();
            if (soFar == target)
            {
                return i + 1;
            }

            if (!target.StartsWith(soFar, StringComparison.Ordinal))
            {
                return 0;
            }
        }

        return 0;
    }

    private static string WithoutBlanks(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
