using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>
/// Hidden <c>simulator …</c> commands (any view), not part of the device grammar: test hooks reachable over SSH.
/// <c>simulator reboot</c>, <c>simulator fault latency &lt;ms&gt;</c>, <c>simulator fault drop-next</c>,
/// <c>simulator fault slow-output &lt;ms&gt;</c>, <c>simulator fault paging</c>, <c>simulator fault garble ansi|junk</c>,
/// <c>simulator fault clear</c>, <c>simulator audit</c>.
/// </summary>
internal sealed class SimulatorControlCommands
{
    private const int MaxLatencyMs = 600_000;
    private readonly BrasState _state;
    private readonly SimulatorFaults _faults;

    public SimulatorControlCommands(BrasState state, SimulatorFaults faults)
    {
        _state = state;
        _faults = faults;
    }

    public CliCommandResult? Execute(CommandCursor cursor)
    {
        switch (cursor.Keyword("audit", "fault", "reboot"))
        {
            case "audit":
                return cursor.End() ? Audit() : null;
            case "reboot":
                if (!cursor.End())
                {
                    return null;
                }

                _state.Reboot(CommandFace.Cli, "simulator reboot");
                return CliCommandResult.Of("Info: Every line is back at its base rate.");
            case "fault":
                return Fault(cursor);
            default:
                return null;
        }
    }

    private CliCommandResult? Fault(CommandCursor cursor)
    {
        switch (cursor.Keyword("clear", "drop-next", "garble", "latency", "paging", "slow-output"))
        {
            case "garble":
                return Garble(cursor);
            case "paging":
                if (!cursor.End())
                {
                    return null;
                }

                _faults.ForcePaging = true;
                return CliCommandResult.Of("Info: Paging is forced on.");
            case "slow-output":
                if (Milliseconds(cursor) is not { } delay)
                {
                    return null;
                }

                _faults.LineDelay = TimeSpan.FromMilliseconds(delay);
                return CliCommandResult.Of($"Info: Output line delay is {delay} ms.");
            case "clear":
                if (!cursor.End())
                {
                    return null;
                }

                _faults.Clear();
                return CliCommandResult.Of("Info: Faults cleared.");
            case "drop-next":
                if (!cursor.End())
                {
                    return null;
                }

                _faults.DropConnectionOnNextCommand();
                return CliCommandResult.Of("Info: The next command will drop its connection.");
            case "latency":
                if (Milliseconds(cursor) is not { } ms)
                {
                    return null;
                }

                _faults.CommandLatency = TimeSpan.FromMilliseconds(ms);
                return CliCommandResult.Of($"Info: Command latency is {ms} ms.");
            default:
                return null;
        }
    }

    private CliCommandResult? Garble(CommandCursor cursor)
    {
        var mode = cursor.Keyword("ansi", "junk");
        if (mode is null || !cursor.End())
        {
            return null;
        }

        _faults.Garble = mode == "ansi" ? GarbleMode.Ansi : GarbleMode.Junk;
        return CliCommandResult.Of("Info: Output lines are garbled (" + mode + ").");
    }

    private static long? Milliseconds(CommandCursor cursor)
    {
        if (cursor.Argument() is not { } token)
        {
            return null;
        }

        if (!CliCommandProcessor.TryParseNumber(token.Text, MaxLatencyMs, out var ms))
        {
            cursor.WrongParameter(token);
            return null;
        }

        return cursor.End() ? ms : null;
    }

    private CliCommandResult Audit()
    {
        var entries = _state.AuditLog;
        if (entries.Count == 0)
        {
            return CliCommandResult.Of("Info: The audit log is empty.");
        }

        return new CliCommandResult([.. entries.Select(e =>
            string.Create(CultureInfo.InvariantCulture, $"  {e.Timestamp:yyyy-MM-dd HH:mm:ss.fff} {e.Face,-7} {e.Outcome,-32} {e.Command}"))]);
    }
}
