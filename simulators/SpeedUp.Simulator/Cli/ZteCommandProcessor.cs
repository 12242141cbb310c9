namespace SpeedUp.Simulator;

/// <summary>
/// The ZTE ZXR10-style grammar of docs/simulator.md (<c>HOST#</c>, <c>HOST(config)#</c>), independent of any
/// transport, over the shared <see cref="BrasState"/>. Exec view is <see cref="CliView.User"/>, configuration
/// view <see cref="CliView.System"/>.
/// </summary>
internal sealed class ZteCommandProcessor : ICliGrammar
{
    public const string InvalidInput = "% Invalid input detected at '^' marker.";
    public const string Incomplete = "% Incomplete command.";
    public const string UnknownSubscriber = "% Unknown subscriber.";
    public const string ExceedsCapability = "% Rate exceeds line capability.";
    public const string Aborted = "% Command aborted.";
    public const string EnterConfig = "Enter configuration commands, one per line.  End with CNTL/Z.";
    public const long ConfirmAboveKbps = 100_000;
    public const string ConfirmQuestion = "Rate above 100000 kbps affects the uplink share. Continue? [yes/no]:";
    private const int MaxTerminalLength = 512;

    private readonly BrasState _state;
    private readonly SimulatorControlCommands _control;

    public ZteCommandProcessor(BrasState state, SimulatorFaults faults)
    {
        _state = state;
        _control = new SimulatorControlCommands(state, faults);
    }

    public CliPagerStyle Pager => CliPagerStyle.Zte;

    public string Banner(int sessionNumber, int maxSessions) =>
        "\r\nZXR10 M6000-S BRAS simulator, VTY " + sessionNumber + " of " + maxSessions + "\r\n\r\n";

    public string TooManySessions(int maxSessions) =>
        "\r\n% The number of VTY users reached the maximum " + maxSessions + ".\r\n";

    public string Prompt(CliSessionContext context) =>
        context.View == CliView.User ? _state.Hostname + "#" : _state.Hostname + "(config)#";

    public CliCommandResult Execute(CliSessionContext context, string line)
    {
        if (context.PendingConfirmation is { } pending)
        {
            context.PendingConfirmation = null;
            var answer = line.Trim();
            if (answer.Equals("yes", StringComparison.OrdinalIgnoreCase) || answer.Equals("y", StringComparison.OrdinalIgnoreCase))
            {
                return pending();
            }

            return CliCommandResult.Of(Aborted);
        }

        var tokens = CliTokenizer.Tokenize(line);
        if (tokens.Count == 0)
        {
            return CliCommandResult.Empty;
        }

        var cursor = new CommandCursor(tokens);
        var result = context.View == CliView.User ? ExecView(context, cursor) : ConfigView(context, cursor, line.Trim());
        if (cursor.Error is { } error)
        {
            return error.Kind switch
            {
                CliSyntaxErrorKind.Incomplete => CliCommandResult.Of(Incomplete),
                CliSyntaxErrorKind.Ambiguous => CliCommandResult.Of("% Ambiguous command: \"" + line.Trim() + "\""),
                _ => CliCommandResult.Of(new string(' ', Prompt(context).Length + error.Column) + "^", InvalidInput),
            };
        }

        return result ?? CliCommandResult.Empty;
    }

    private CliCommandResult? ExecView(CliSessionContext context, CommandCursor cursor)
    {
        switch (cursor.Keyword("configure", "exit", "show", "simulator", "terminal"))
        {
            case "configure":
                if (cursor.Keyword("terminal") is null || !cursor.End())
                {
                    return null;
                }

                context.View = CliView.System;
                return CliCommandResult.Of(EnterConfig);
            case "exit":
                return cursor.End() ? CliCommandResult.Close : null;
            case "show":
                return Show(cursor);
            case "simulator":
                return _control.Execute(cursor);
            case "terminal":
                return TerminalLength(context, cursor);
            default:
                return null;
        }
    }

    private CliCommandResult? ConfigView(CliSessionContext context, CommandCursor cursor, string command)
    {
        switch (cursor.Keyword("end", "exit", "show", "simulator", "subscriber"))
        {
            case "end" or "exit":
                if (!cursor.End())
                {
                    return null;
                }

                context.View = CliView.User;
                return CliCommandResult.Empty;
            case "show":
                return Show(cursor);
            case "simulator":
                return _control.Execute(cursor);
            case "subscriber":
                return RateLimit(context, cursor, command);
            default:
                return null;
        }
    }

    private static CliCommandResult? TerminalLength(CliSessionContext context, CommandCursor cursor)
    {
        if (cursor.Keyword("length") is null || cursor.Argument() is not { } token)
        {
            return null;
        }

        if (!CliCommandProcessor.TryParseNumber(token.Text, MaxTerminalLength, out var length))
        {
            cursor.WrongParameter(token);
            return null;
        }

        if (!cursor.End())
        {
            return null;
        }

        context.PageLength = (int)length;
        return CliCommandResult.Empty;
    }

    private CliCommandResult? Show(CommandCursor cursor)
    {
        if (cursor.Keyword("subscriber") is null)
        {
            return null;
        }

        var by = cursor.Keyword("ipv4-address", "user-name");
        if (by is null || cursor.Argument() is not { } token)
        {
            return null;
        }

        IReadOnlyList<SubscriberLineState> lines;
        if (by == "ipv4-address")
        {
            if (!SeedLoader.TryParseIPv4(token.Text, out var address))
            {
                cursor.WrongParameter(token);
                return null;
            }

            lines = _state.FindByIp(address);
        }
        else
        {
            if (!SeedLoader.IsValidAccount(token.Text))
            {
                cursor.WrongParameter(token);
                return null;
            }

            lines = _state.FindByAccount(token.Text) is { } found ? [found] : [];
        }

        return cursor.End() ? new CliCommandResult(ZteSubscriberFormatter.Format(lines)) : null;
    }

    private CliCommandResult? RateLimit(CliSessionContext context, CommandCursor cursor, string command)
    {
        if (cursor.Argument() is not { } account)
        {
            return null;
        }

        if (!SeedLoader.IsValidAccount(account.Text))
        {
            cursor.WrongParameter(account);
            return null;
        }

        if (cursor.Keyword("rate-limit") is null)
        {
            return null;
        }

        var direction = cursor.Keyword("downstream", "upstream") == "upstream" ? RateDirection.Up : RateDirection.Down;
        if (cursor.Argument() is not { } rate)
        {
            return null;
        }

        if (!CliCommandProcessor.TryParseNumber(rate.Text, uint.MaxValue, out var kbps))
        {
            cursor.WrongParameter(rate);
            return null;
        }

        if (!cursor.End())
        {
            return null;
        }

        if (_state.FindByAccount(account.Text) is not { } line)
        {
            _state.RecordRejected(CommandFace.Cli, command, "user does not exist");
            return CliCommandResult.Of(UnknownSubscriber);
        }

        var change = new RateChange(line.BandId, direction, kbps);
        if (kbps <= ConfirmAboveKbps)
        {
            return Apply(change, command);
        }

        context.PendingConfirmation = () => Apply(change, command);
        return new CliCommandResult([], Question: ConfirmQuestion);
    }

    private CliCommandResult Apply(RateChange change, string command)
    {
        var result = _state.SetRate(change, CommandFace.Cli, command);
        return result.Status switch
        {
            RateChangeStatus.Applied => CliCommandResult.Empty,
            RateChangeStatus.UnknownLine => CliCommandResult.Of(UnknownSubscriber),
            _ => CliCommandResult.Of(ExceedsCapability),
        };
    }
}
