namespace SpeedUp.Simulator;

/// <summary>A syntax error and the column of the command line the caret points at.</summary>
internal sealed record CliSyntaxError(CliSyntaxErrorKind Kind, int Column)
{
    public string Message => Kind switch
    {
        CliSyntaxErrorKind.Ambiguous => "Error: Ambiguous command found at '^' position.",
        CliSyntaxErrorKind.Incomplete => "Error: Incomplete command found at '^' position.",
        CliSyntaxErrorKind.WrongParameter => "Error: Wrong parameter found at '^' position.",
        _ => "Error: Unrecognized command found at '^' position.",
    };
}
