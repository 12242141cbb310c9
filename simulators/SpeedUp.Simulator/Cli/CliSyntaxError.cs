namespace SpeedUp.Simulator;

/// <summary>A syntax error and the column of the command line the caret points at; the face's profile words it.</summary>
internal sealed record CliSyntaxError(CliSyntaxErrorKind Kind, int Column);
