namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>A dialect definition that cannot be used; the message lists every problem with its JSON path.</summary>
public sealed class DialectException(string message, Exception? innerException = null) : Exception(message, innerException);
