namespace SpeedUp.Simulator;

internal enum CliSyntaxErrorKind
{
    Unrecognized,
    Ambiguous,
    Incomplete,
    WrongParameter,
}
