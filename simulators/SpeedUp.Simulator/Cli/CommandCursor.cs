namespace SpeedUp.Simulator;

/// <summary>
/// Walks the words of a command line. Keywords match case-insensitively and, unless <c>abbreviations</c> is off,
/// may be abbreviated to any unambiguous prefix (as on VRP and ZXR10). The first failure is kept in
/// <see cref="Error"/>; later calls then fail too.
/// </summary>
internal sealed class CommandCursor
{
    private readonly IReadOnlyList<CliToken> _tokens;
    private readonly bool _abbreviations;
    private int _index;

    public CommandCursor(IReadOnlyList<CliToken> tokens, bool abbreviations = true)
    {
        _tokens = tokens;
        _abbreviations = abbreviations;
    }

    public CliSyntaxError? Error { get; private set; }

    public bool Failed => Error is not null;

    /// <summary>True when every word has been taken.</summary>
    public bool AtEnd => _index >= _tokens.Count;

    /// <summary>Matches the next word against the keywords; the full keyword, or null (error recorded).</summary>
    public string? Keyword(params string[] candidates)
    {
        if (Next() is not { } token)
        {
            return null;
        }

        var exact = candidates.FirstOrDefault(c => string.Equals(c, token.Text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        List<string> matches = _abbreviations ? [.. candidates.Where(c => c.StartsWith(token.Text, StringComparison.OrdinalIgnoreCase))] : [];
        if (matches.Count == 1)
        {
            return matches[0];
        }

        Fail(matches.Count == 0 ? CliSyntaxErrorKind.Unrecognized : CliSyntaxErrorKind.Ambiguous, token.Start);
        return null;
    }

    /// <summary>The next word as a parameter value, or null (error recorded).</summary>
    public CliToken? Argument() => Next();

    /// <summary>True when no word is left; otherwise records an error at the first extra word.</summary>
    public bool End()
    {
        if (Failed)
        {
            return false;
        }

        if (_index < _tokens.Count)
        {
            Fail(CliSyntaxErrorKind.Unrecognized, _tokens[_index].Start);
            return false;
        }

        return true;
    }

    /// <summary>Records a wrong-parameter error at the given word.</summary>
    public void WrongParameter(CliToken token) => Fail(CliSyntaxErrorKind.WrongParameter, token.Start);

    private CliToken? Next()
    {
        if (Failed)
        {
            return null;
        }

        if (_index >= _tokens.Count)
        {
            var last = _tokens.Count == 0 ? 0 : _tokens[^1].Start + _tokens[^1].Text.Length + 1;
            Fail(CliSyntaxErrorKind.Incomplete, last);
            return null;
        }

        return _tokens[_index++];
    }

    private void Fail(CliSyntaxErrorKind kind, int column) => Error ??= new CliSyntaxError(kind, column);
}
