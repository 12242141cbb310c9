namespace SpeedUp.Simulator;

/// <summary>Splits a command line on spaces and tabs, keeping each word's column (for the error caret).</summary>
internal static class CliTokenizer
{
    public static IReadOnlyList<CliToken> Tokenize(string line)
    {
        var tokens = new List<CliToken>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            var start = i;
            while (i < line.Length && !IsBlank(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new CliToken(line[start..i], start));
            }
        }

        return tokens;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
