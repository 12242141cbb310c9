using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>
/// A CLI face run from a <see cref="SimulatorProfile"/>: exact words (case-insensitive, no abbreviations), three
/// views (exec = <see cref="CliView.User"/>, system = <see cref="CliView.System"/>, config = <see cref="CliView.Aaa"/>),
/// the subscriber commands of the profile over the shared <see cref="BrasState"/>, and the simulator control commands.
/// </summary>
internal sealed partial class ProfileCliGrammar : ICliGrammar
{
    private readonly SimulatorProfile _profile;
    private readonly BrasState _state;
    private readonly SimulatorControlCommands _control;

    public ProfileCliGrammar(SimulatorProfile profile, BrasState state, SimulatorFaults faults)
    {
        _profile = profile;
        _state = state;
        _control = new SimulatorControlCommands(state, faults);
    }

    public CliPagerStyle Pager => CliPagerStyle.Huawei;

    public string Banner(int sessionNumber, int maxSessions) =>
        "\r\n" + string.Concat(_profile.Banner.Select(l => l + "\r\n")) + "\r\n";

    public string TooManySessions(int maxSessions) => "\r\n" + _profile.Messages.TooManySessions + "\r\n";

    public string Prompt(CliSessionContext context) => (context.View switch
    {
        CliView.User => _profile.Prompts.Exec,
        CliView.System => _profile.Prompts.System,
        _ => _profile.Prompts.Config,
    }).Replace("{host}", _state.Hostname, StringComparison.Ordinal);

    public CliCommandResult Execute(CliSessionContext context, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return CliCommandResult.Empty;
        }

        if (words[0].Equals("simulator", StringComparison.OrdinalIgnoreCase))
        {
            var cursor = new CommandCursor(CliTokenizer.Tokenize(line));
            cursor.Keyword("simulator");
            return _control.Execute(cursor) ?? CliCommandResult.Of(_profile.Messages.UnknownCommand);
        }

        if (Matches(words, _profile.PagingOff, out _))
        {
            context.PageLength = 0;
            return CliCommandResult.Empty;
        }

        foreach (var transition in _profile.Transitions)
        {
            if ((transition.From == "any" || View(transition.From) == context.View) && Matches(words, transition.Command, out _))
            {
                if (transition.To == "close")
                {
                    return CliCommandResult.Close;
                }

                context.View = View(transition.To);
                return transition.Message is null ? CliCommandResult.Empty : CliCommandResult.Of(transition.Message);
            }
        }

        if (Matches(words, _profile.FindByAddress, out var find))
        {
            return IPAddress.TryParse(find["address"], out var address) && address.ToString() == find["address"]
                ? Print(_state.FindByIp(address))
                : CliCommandResult.Of(_profile.Messages.BadValue);
        }

        if (Matches(words, _profile.ReadByAccount, out var read))
        {
            return AccountPattern().IsMatch(read["account"])
                ? Print(_state.FindByAccount(read["account"]) is { } one ? [one] : [])
                : CliCommandResult.Of(_profile.Messages.BadValue);
        }

        if (context.View == CliView.Aaa && Matches(words, _profile.SetRate, out var set))
        {
            return SetRate(line.Trim(), set);
        }

        return CliCommandResult.Of(_profile.Messages.UnknownCommand);
    }

    private CliCommandResult SetRate(string command, Dictionary<string, string> values)
    {
        var direction = values["direction"].Equals(_profile.DirectionWords.Up, StringComparison.OrdinalIgnoreCase) ? RateDirection.Up
            : values["direction"].Equals(_profile.DirectionWords.Down, StringComparison.OrdinalIgnoreCase) ? RateDirection.Down
            : (RateDirection?)null;
        if (direction is null || !AccountPattern().IsMatch(values["account"])
            || !CliCommandProcessor.TryParseNumber(values["kbps"], uint.MaxValue, out var kbps))
        {
            return CliCommandResult.Of(_profile.Messages.BadValue);
        }

        if (_state.FindByAccount(values["account"]) is not { } line)
        {
            _state.RecordRejected(CommandFace.Cli, command, "user does not exist");
            return CliCommandResult.Of(_profile.Messages.UnknownUser);
        }

        var result = _state.SetRate(new RateChange(line.BandId, direction.Value, kbps), CommandFace.Cli, command);
        return result.Status switch
        {
            RateChangeStatus.Applied => CliCommandResult.Empty,
            RateChangeStatus.UnknownLine => CliCommandResult.Of(_profile.Messages.UnknownUser),
            _ => CliCommandResult.Of(_profile.Messages.OutOfCapability),
        };
    }

    private CliCommandResult Print(IReadOnlyList<SubscriberLineState> lines)
    {
        var output = _profile.Output;
        if (lines.Count == 0)
        {
            return CliCommandResult.Of(output.Empty);
        }

        var printed = new List<string>();
        foreach (var line in lines)
        {
            printed.Add(output.Rule);
            printed.AddRange(output.Fields.Select(f => f.Label.PadRight(output.LabelWidth) + ": " + Value(line, f.Key)));
        }

        printed.Add(output.Rule);
        return new CliCommandResult(printed);
    }

    private string Value(SubscriberLineState line, string key) => key switch
    {
        "account" => line.Account,
        "bandId" => line.BandId.ToString(CultureInfo.InvariantCulture),
        "address" => line.IpAddress.ToString(),
        "ports" => string.Create(CultureInfo.InvariantCulture, $"{line.PortFirst}-{line.PortLast}"),
        "upKbps" => line.UpKbps.ToString(CultureInfo.InvariantCulture),
        "downKbps" => line.DownKbps.ToString(CultureInfo.InvariantCulture),
        "maxUpKbps" => line.MaxUpKbps.ToString(CultureInfo.InvariantCulture),
        "maxDownKbps" => line.MaxDownKbps.ToString(CultureInfo.InvariantCulture),
        "speedUpPermitted" => line.SpeedUpPermitted ? _profile.Output.Yes : _profile.Output.No,
        _ => throw new InvalidOperationException($"Unknown output field '{key}' in profile {_profile.Name}."),
    };

    /// <summary>Word by word: literals case-insensitively, <c>{name}</c> takes one word.</summary>
    private static bool Matches(string[] words, string template, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = template.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != words.Length)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{') && parts[i].EndsWith('}'))
            {
                values[parts[i][1..^1]] = words[i];
            }
            else if (!parts[i].Equals(words[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static CliView View(string name) => name switch
    {
        "exec" => CliView.User,
        "system" => CliView.System,
        "config" => CliView.Aaa,
        _ => throw new ArgumentException($"Unknown view '{name}' (exec, system, config).", nameof(name)),
    };

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
