using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>
/// The VRP-style grammar of docs/simulator.md, independent of any transport: one command line in,
/// the lines to print out. Acts on the shared <see cref="BrasState"/>.
/// </summary>
internal sealed class CliCommandProcessor : ICliGrammar
{
    public const string UserNotFound = "Error: The user does not exist.";
    public const string OutOfCapability = "Error: The CIR value is out of the line capability.";
    public const string NoOnlineUser = "Info: no online user.";
    public const string ScreenLengthInfo = "Info: The configuration takes effect on the current user terminal interface only.";
    public const string EnterSystemView = "Enter system view, return user view with return command.";
    private const int MaxScreenLength = 512;

    private readonly BrasState _state;
    private readonly SimulatorControlCommands _control;

    public CliCommandProcessor(BrasState state, SimulatorFaults faults)
    {
        _state = state;
        _control = new SimulatorControlCommands(state, faults);
    }

    public CliPagerStyle Pager => CliPagerStyle.Huawei;

    public string Prompt(CliView view) => CliPrompts.For(view, _state.Hostname);

    public string Prompt(CliSessionContext context) => Prompt(context.View);

    public string Banner(int sessionNumber, int maxSessions) =>
        "\r\nInfo: The max number of VTY users is " + maxSessions + ", and the number\r\n"
        + "      of current VTY users on line is " + sessionNumber + ".\r\n";

    public string TooManySessions(int maxSessions) =>
        "\r\nError: The number of VTY users reached the maximum " + maxSessions + ".\r\n";

    public CliCommandResult Execute(CliSessionContext context, string line)
    {
        var tokens = CliTokenizer.Tokenize(line);
        if (tokens.Count == 0)
        {
            return CliCommandResult.Empty;
        }

        var prompt = Prompt(context.View);
        var cursor = new CommandCursor(tokens);
        var result = context.View switch
        {
            CliView.System => SystemView(context, cursor),
            CliView.Aaa => AaaView(context, cursor, line),
            _ => UserView(context, cursor),
        };
        if (cursor.Error is { } error)
        {
            return CliCommandResult.Of(new string(' ', prompt.Length + error.Column) + "^", error.Message);
        }

        return result ?? CliCommandResult.Empty;
    }

    private CliCommandResult? UserView(CliSessionContext context, CommandCursor cursor)
    {
        switch (cursor.Keyword("display", "quit", "screen-length", "simulator", "system-view"))
        {
            case "display":
                return Display(cursor);
            case "quit":
                return cursor.End() ? CliCommandResult.Close : null;
            case "screen-length":
                return ScreenLength(context, cursor);
            case "simulator":
                return _control.Execute(cursor);
            case "system-view":
                if (!cursor.End())
                {
                    return null;
                }

                context.View = CliView.System;
                return CliCommandResult.Of(EnterSystemView);
            default:
                return null;
        }
    }

    private CliCommandResult? SystemView(CliSessionContext context, CommandCursor cursor)
    {
        switch (cursor.Keyword("aaa", "display", "quit", "return", "simulator"))
        {
            case "aaa":
                return ChangeView(context, cursor, CliView.Aaa);
            case "display":
                return Display(cursor);
            case "quit" or "return":
                return ChangeView(context, cursor, CliView.User);
            case "simulator":
                return _control.Execute(cursor);
            default:
                return null;
        }
    }

    private CliCommandResult? AaaView(CliSessionContext context, CommandCursor cursor, string line)
    {
        switch (cursor.Keyword("access-user", "quit", "return", "simulator"))
        {
            case "access-user":
                return SetCar(cursor, line.Trim());
            case "quit":
                return ChangeView(context, cursor, CliView.System);
            case "return":
                return ChangeView(context, cursor, CliView.User);
            case "simulator":
                return _control.Execute(cursor);
            default:
                return null;
        }
    }

    private static CliCommandResult? ChangeView(CliSessionContext context, CommandCursor cursor, CliView view)
    {
        if (!cursor.End())
        {
            return null;
        }

        context.View = view;
        return CliCommandResult.Empty;
    }

    private static CliCommandResult? ScreenLength(CliSessionContext context, CommandCursor cursor)
    {
        if (cursor.Argument() is not { } token)
        {
            return null;
        }

        if (!TryParseNumber(token.Text, MaxScreenLength, out var length))
        {
            cursor.WrongParameter(token);
            return null;
        }

        if (cursor.Keyword("temporary") is null || !cursor.End())
        {
            return null;
        }

        context.PageLength = (int)length;
        return CliCommandResult.Of(ScreenLengthInfo);
    }

    private CliCommandResult? Display(CommandCursor cursor)
    {
        if (cursor.Keyword("access-user") is null)
        {
            return null;
        }

        var by = cursor.Keyword("ip-address", "user-name");
        if (by is null || cursor.Argument() is not { } token)
        {
            return null;
        }

        IReadOnlyList<SubscriberLineState> lines;
        if (by == "ip-address")
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

        if (!cursor.End())
        {
            return null;
        }

        return lines.Count == 0
            ? CliCommandResult.Of(NoOnlineUser)
            : new CliCommandResult([.. lines.SelectMany(SubscriberBlockFormatter.Format)]);
    }

    private CliCommandResult? SetCar(CommandCursor cursor, string command)
    {
        if (cursor.Keyword("user-name") is null || cursor.Argument() is not { } account)
        {
            return null;
        }

        if (!SeedLoader.IsValidAccount(account.Text))
        {
            cursor.WrongParameter(account);
            return null;
        }

        if (cursor.Keyword("car") is null)
        {
            return null;
        }

        var direction = cursor.Keyword("inbound", "outbound") == "inbound" ? RateDirection.Up : RateDirection.Down;
        if (cursor.Keyword("cir") is null || cursor.Argument() is not { } rate)
        {
            return null;
        }

        if (!TryParseNumber(rate.Text, uint.MaxValue, out var kbps))
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
            return CliCommandResult.Of(UserNotFound);
        }

        var result = _state.SetRate(new RateChange(line.BandId, direction, kbps), CommandFace.Cli, command);
        return result.Status switch
        {
            RateChangeStatus.Applied => CliCommandResult.Empty,
            RateChangeStatus.UnknownLine => CliCommandResult.Of(UserNotFound),
            _ => CliCommandResult.Of(OutOfCapability),
        };
    }

    /// <summary>Decimal digits only (no sign, no spaces), at most <paramref name="max"/>.</summary>
    internal static bool TryParseNumber(string text, long max, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 10
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value <= max;
    }
}
