namespace SpeedUp.Simulator;

/// <summary>One state-changing command received by the simulator, whatever its outcome.</summary>
/// <param name="Timestamp">When it was received.</param>
/// <param name="Face">Which face received it.</param>
/// <param name="Command">The command as received (CLI line, or an SNMP SET rendered as text).</param>
/// <param name="Outcome">"applied", or the reason it was rejected.</param>
public sealed record AuditEntry(DateTimeOffset Timestamp, CommandFace Face, string Command, string Outcome);
