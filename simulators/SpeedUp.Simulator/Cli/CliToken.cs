namespace SpeedUp.Simulator;

/// <summary>A word of a command line and the column where it starts.</summary>
internal readonly record struct CliToken(string Text, int Start);
