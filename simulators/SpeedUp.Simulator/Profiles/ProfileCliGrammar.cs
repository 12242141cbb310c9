using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>
/// A CLI face run from a <see cref="SimulatorProfile"/>, independent of any transport: one command line in, the lines
/// to print out. Walks the current view's command tree word by word (keywords case-insensitive, abbreviated when the
/// profile allows), checks the placeholders' values, acts on the shared <see cref="BrasState"/> and words errors as
/// the profile says. The simulator control commands are reached through the profile's <c>control</c> command.
/// </summary>
internal sealed class ProfileCliGrammar
{
    private readonly SimulatorProfile _profile;
    private readonly IReadOnlyDictionary<string, ProfileCommandNode> _trees;
    private readonly BrasState _state;
    private readonly SimulatorFaults _faults;
    private readonly SimulatorControlCommands _control;

    public ProfileCliGrammar(SimulatorProfile profile, BrasState state, SimulatorFaults faults)
    {
        _profile = profile;
        _trees = ProfileCommandTree.Build(profile);
        _state = state;
        _faults = faults;
        _control = new SimulatorControlCommands(state, faults);
        Pager = new CliPagerStyle(profile.Pager.More, profile.Pager.Wipe);
    }

    /// <summary>The pager line and the sequence that wipes it after a key.</summary>
    public CliPagerStyle Pager { get; }

    /// <summary>A new session's state, in the profile's first view.</summary>
    public CliSessionContext NewSession() => new(_profile.Views[0].Name);

    /// <summary>What a session sees on connect, before the first prompt.</summary>
    public string Banner(int sessionNumber, int maxSessions) =>
        "\r\n" + string.Concat(_profile.Banner.Select(l => Fill(l, sessionNumber, maxSessions) + "\r\n"));

    /// <summary>What a session beyond the VTY limit sees before it is closed.</summary>
    public string TooManySessions(int maxSessions) => "\r\n" + Fill(_profile.TooManySessions, 0, maxSessions) + "\r\n";

    /// <summary>The prompt of the session's current view.</summary>
    public string Prompt(CliSessionContext context) =>
        _profile.Views.First(v => v.Name == context.View).Prompt.Replace("{host}", _state.Hostname, StringComparison.Ordinal);

    /// <summary>Runs one command line (or answers a pending question).</summary>
    public CliCommandResult Execute(CliSessionContext context, string line)
    {
        if (context.PendingConfirmation is { } pending)
        {
            context.PendingConfirmation = null;
            var answer = line.Trim();
            return _profile.RateConfirmation!.Yes.Any(y => y.Equals(answer, StringComparison.OrdinalIgnoreCase))
                ? pending()
                : CliCommandResult.Of(_profile.RateConfirmation.Aborted);
        }

        var tokens = CliTokenizer.Tokenize(line);
        if (tokens.Count == 0)
        {
            return CliCommandResult.Empty;
        }

        var prompt = Prompt(context);
        var cursor = new CommandCursor(tokens, _profile.Abbreviations);
        var result = Walk(context, cursor, line.Trim());
        if (cursor.Error is { } error)
        {
            var errors = _profile.Errors;
            var words = error.Kind switch
            {
                CliSyntaxErrorKind.Ambiguous => errors.Ambiguous,
                CliSyntaxErrorKind.Incomplete => errors.Incomplete,
                CliSyntaxErrorKind.WrongParameter => errors.WrongParameter,
                _ => errors.Unrecognized,
            };
            var message = words.Message.Replace("{line}", line.Trim(), StringComparison.Ordinal);
            return words.Caret ? CliCommandResult.Of(new string(' ', prompt.Length + error.Column) + "^", message) : CliCommandResult.Of(message);
        }

        return result ?? CliCommandResult.Empty;
    }

    private CliCommandResult? Walk(CliSessionContext context, CommandCursor cursor, string command)
    {
        var node = _trees[context.View];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        RateDirection? direction = null;
        while (true)
        {
            if (node.Command is { Do: "control" })
            {
                return _control.Execute(cursor);
            }

            if (node.Command is { } complete && (cursor.AtEnd || node.IsLeaf))
            {
                return cursor.End() ? Perform(context, complete, values, direction, command) : null;
            }

            if (node.Parameter is { } name)
            {
                if (cursor.Argument() is not { } token)
                {
                    return null;
                }

                if (!IsValid(name, token.Text))
                {
                    cursor.WrongParameter(token);
                    return null;
                }

                values[name] = token.Text;
                node = node.ParameterChild!;
                continue;
            }

            if (node.IsLeaf)
            {
                cursor.End();
                return null;
            }

            if (cursor.Keyword([.. node.Keywords.Keys]) is not { } keyword)
            {
                return null;
            }

            node = node.Keywords[keyword];
            direction = node.Direction ?? direction;
        }
    }

    private bool IsValid(string parameter, string text) => parameter switch
    {
        "account" => SeedLoader.IsValidAccount(text),
        "address" => SeedLoader.TryParseIPv4(text, out _),
        "kbps" => CliNumbers.TryParse(text, uint.MaxValue, out _),
        "pageLength" => CliNumbers.TryParse(text, _profile.MaxPageLength, out _),
        _ => false,
    };

    private CliCommandResult Perform(
        CliSessionContext context, ProfileCommand command, Dictionary<string, string> values, RateDirection? direction, string line)
    {
        switch (command.Do)
        {
            case "view":
                context.View = command.To!;
                return new CliCommandResult([.. command.Print]);
            case "close":
                return new CliCommandResult([.. command.Print], CloseSession: true);
            case "paging":
                context.PageLength = values.TryGetValue("pageLength", out var length) ? int.Parse(length, CultureInfo.InvariantCulture) : 0;
                return new CliCommandResult([.. command.Print]);
            case "findByAddress":
                return new CliCommandResult(ProfileSubscriberPrinter.Print(
                    _profile.Output, SeedLoader.TryParseIPv4(values["address"], out var address) ? _state.FindByIp(address) : []));
            case "readByAccount":
                return new CliCommandResult(ProfileSubscriberPrinter.Print(
                    _profile.Output, _state.FindByAccount(values["account"]) is { } found ? [found] : []));
            default:
                return SetRate(context, values["account"], direction!.Value, long.Parse(values["kbps"], CultureInfo.InvariantCulture), line);
        }
    }

    private CliCommandResult SetRate(CliSessionContext context, string account, RateDirection direction, long kbps, string command)
    {
        if (_state.FindByAccount(account) is not { } line || _faults.HasVanished(account))
        {
            return UnknownUser(command);
        }

        var change = new RateChange(line.BandId, direction, kbps);
        if (_profile.RateConfirmation is { } confirmation && kbps > confirmation.AboveKbps)
        {
            context.PendingConfirmation = () => Apply(account, change, command);
            return new CliCommandResult([], Question: confirmation.Question);
        }

        return Apply(account, change, command);
    }

    /// <summary>What a rate change for an account the equipment does not know gets (also a vanished one): audited as rejected.</summary>
    private CliCommandResult UnknownUser(string command)
    {
        _state.RecordRejected(CommandFace.Cli, command, "user does not exist");
        return CliCommandResult.Of(_profile.Messages.UnknownUser);
    }

    private CliCommandResult Apply(string account, RateChange change, string command)
    {
        if (_faults.HasVanished(account))
        {
            return UnknownUser(command); // went offline while the question was pending
        }

        var result = _state.SetRate(change, CommandFace.Cli, command);
        return result.Status switch
        {
            RateChangeStatus.Applied => CliCommandResult.Empty,
            RateChangeStatus.UnknownLine => CliCommandResult.Of(_profile.Messages.UnknownUser),
            _ => CliCommandResult.Of(_profile.Messages.OutOfCapability),
        };
    }

    private static string Fill(string text, int session, int max) => text
        .Replace("{session}", session.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{max}", max.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
