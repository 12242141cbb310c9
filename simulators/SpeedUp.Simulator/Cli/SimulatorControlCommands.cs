using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>
/// Hidden <c>simulator …</c> commands (any view), not part of the device grammar: test hooks reachable over SSH.
/// <c>simulator reboot</c>, <c>simulator fault latency &lt;ms&gt;</c>, <c>simulator fault drop-next</c>,
/// <c>simulator fault slow-output &lt;ms&gt;</c>, <c>simulator fault paging</c>, <c>simulator fault garble ansi|junk</c>,
/// <c>simulator fault drop-ratio &lt;percent&gt;</c>, <c>simulator fault snmp-latency &lt;ms&gt;</c>,
/// <c>simulator fault snmp-drop-ratio &lt;percent&gt;</c>, <c>simulator fault snmp-dark</c>,
/// <c>simulator fault clear</c>, <c>simulator audit</c>. <c>simulator reboot</c> answers, then closes every session.
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

                // As on a real reboot every session is closed: this one after the answer, then all others.
                _state.Reboot(CommandFace.Cli, "simulator reboot");
                return new CliCommandResult(
                    ["Info: Every line is back at its base rate.", "Info: Rebooting; every session is closed."], CloseSession: true, DisconnectAll: true);
            case "fault":
                return Fault(cursor);
            default:
                return null;
        }
    }

    private CliCommandResult? Fault(CommandCursor cursor)
    {
        switch (cursor.Keyword(
            "clear", "drop-next", "drop-ratio", "garble", "latency", "paging", "slow-output", "snmp-dark", "snmp-drop-ratio", "snmp-latency"))
        {
            case "drop-ratio":
                if (Percent(cursor) is not { } cliPercent)
                {
                    return null;
                }

                _faults.CliDropRatio = cliPercent / 100.0;
                return CliCommandResult.Of($"Info: {cliPercent}% of the commands drop their connection.");
            case "snmp-drop-ratio":
                if (Percent(cursor) is not { } snmpPercent)
                {
                    return null;
                }

                _faults.SnmpDropRatio = snmpPercent / 100.0;
                return CliCommandResult.Of($"Info: {snmpPercent}% of the SNMP requests are dropped.");
            case "snmp-latency":
                if (Milliseconds(cursor) is not { } snmpMs)
                {
                    return null;
                }

                _faults.SnmpLatency = TimeSpan.FromMilliseconds(snmpMs);
                return CliCommandResult.Of($"Info: SNMP latency is {snmpMs} ms.");
            case "snmp-dark":
                if (!cursor.End())
                {
                    return null;
                }

                _faults.SnmpDark = true;
                return CliCommandResult.Of("Info: The SNMP face is dark.");
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

    private static long? Percent(CommandCursor cursor)
    {
        if (cursor.Argument() is not { } token)
        {
            return null;
        }

        if (!CliNumbers.TryParse(token.Text, 100, out var percent))
        {
            cursor.WrongParameter(token);
            return null;
        }

        return cursor.End() ? percent : null;
    }

    private static long? Milliseconds(CommandCursor cursor)
    {
        if (cursor.Argument() is not { } token)
        {
            return null;
        }

        if (!CliNumbers.TryParse(token.Text, MaxLatencyMs, out var ms))
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
