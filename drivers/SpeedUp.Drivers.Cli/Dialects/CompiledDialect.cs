using System.Globalization;
using System.Text.RegularExpressions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// A checked <see cref="DialectDefinition"/>: regexes compiled with a match timeout, the channel-level
/// <see cref="CliDialect"/>, and the command renderers. Build with <see cref="Compile"/>.
/// </summary>
public sealed class CompiledDialect
{
    private const RegexOptions Flags = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly Regex Placeholder = new(@"\{(?<name>[a-z]+)\}", Flags, MatchTimeout);

    private CompiledDialect(DialectDefinition definition, Regex exec, Regex config, IReadOnlyList<(Regex Pattern, DialectConfirmation Answer)> confirmations, CliDialect cli, Regex separator)
    {
        Definition = definition;
        ExecPrompt = exec;
        ConfigPrompt = config;
        Confirmations = confirmations;
        Cli = cli;
        RecordSeparator = separator;
    }

    /// <summary>The definition as loaded.</summary>
    public DialectDefinition Definition { get; }

    /// <summary>The dialect's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The exec (start) view prompt.</summary>
    public Regex ExecPrompt { get; }

    /// <summary>The configuration view prompt.</summary>
    public Regex ConfigPrompt { get; }

    /// <summary>Questions and their answers.</summary>
    public IReadOnlyList<(Regex Pattern, DialectConfirmation Answer)> Confirmations { get; }

    /// <summary>What the channel needs: every prompt (views and questions), pager, on-open steps, failure indicators, secrets.</summary>
    public CliDialect Cli { get; }

    /// <summary>The output's block separator.</summary>
    public Regex RecordSeparator { get; }

    /// <summary>Checks and compiles a definition; throws <see cref="DialectException"/> listing every problem.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="source">Where it came from, for messages (a file path).</param>
    /// <param name="execPromptOverride">A per-device exec prompt pattern replacing the definition's (odd host names, firewall prefixes); null = none.</param>
    /// <param name="configPromptOverride">A per-device configuration prompt pattern; null = none.</param>
    public static CompiledDialect Compile(DialectDefinition definition, string source, string? execPromptOverride = null, string? configPromptOverride = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<string>();
        Require(errors, definition.Name, "name", @"^[a-z0-9][a-z0-9.-]{0,63}\z", "lower-case letters, digits, '.' and '-'");
        Require(errors, definition.Driver, "driver", @"^[a-z0-9][a-z0-9.-]{0,63}\z", "lower-case letters, digits, '.' and '-'");
        if (definition.LineTerminator is not ("\r" or "\n" or "\r\n"))
        {
            errors.Add("lineTerminator must be \"\\r\", \"\\n\" or \"\\r\\n\".");
        }

        var exec = Pattern(errors, "prompts.exec", execPromptOverride ?? definition.Prompts.Exec, anchored: true);
        var config = Pattern(errors, "prompts.config", configPromptOverride ?? definition.Prompts.Config, anchored: true);
        var others = definition.Prompts.Other.Select((p, i) => Pattern(errors, $"prompts.other[{i}]", p, anchored: true)).ToList();
        var confirmations = definition.Confirmations
            .Select((c, i) => (Pattern: Pattern(errors, $"confirmations[{i}].pattern", c.Pattern, anchored: true), Answer: c))
            .ToList();
        for (var i = 0; i < definition.Confirmations.Count; i++)
        {
            CommandText(errors, $"confirmations[{i}].answer", definition.Confirmations[i].Answer, allowEmpty: false);
            CommandText(errors, $"confirmations[{i}].decline", definition.Confirmations[i].Decline, allowEmpty: false);
        }

        var pager = definition.Pager is null ? null : Pattern(errors, "pager.pattern", definition.Pager.Pattern, anchored: true);
        var secrets = definition.SecretPatterns.Select((p, i) => Pattern(errors, $"secretPatterns[{i}]", p, anchored: false)).ToList();
        var separator = Pattern(errors, "output.recordSeparator", definition.Output.RecordSeparator, anchored: true);
        if (definition.FailureIndicators.Count == 0 || definition.FailureIndicators.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("failureIndicators must list at least one non-blank line prefix (e.g. \"Error:\" or \"% \").");
        }

        for (var i = 0; i < definition.OnOpen.Count; i++)
        {
            CommandText(errors, $"onOpen[{i}]", definition.OnOpen[i], allowEmpty: false);
        }

        for (var i = 0; i < definition.OnClose.Count; i++)
        {
            CommandText(errors, $"onClose[{i}]", definition.OnClose[i], allowEmpty: false);
        }

        var commands = definition.Commands;
        Template(errors, "commands.findByAddress", commands.FindByAddress, ["address"]);
        Template(errors, "commands.readByAccount", commands.ReadByAccount, ["account"]);
        Template(errors, "commands.setRate", commands.SetRate, ["account", "direction", "kbps"]);
        Require(errors, commands.DirectionWords.Up, "commands.directionWords.up", "^[A-Za-z][A-Za-z0-9-]{0,31}\\z", "one word");
        Require(errors, commands.DirectionWords.Down, "commands.directionWords.down", "^[A-Za-z][A-Za-z0-9-]{0,31}\\z", "one word");
        if (commands.EnterConfig.Count == 0)
        {
            errors.Add("commands.enterConfig must list the commands from the exec view to the configuration view.");
        }

        if (commands.ReturnToExec.Count == 0)
        {
            errors.Add("commands.returnToExec must list the commands back to the exec view.");
        }

        foreach (var (list, path) in new[] { (commands.EnterConfig, "commands.enterConfig"), (commands.ReturnToExec, "commands.returnToExec") })
        {
            for (var i = 0; i < list.Count; i++)
            {
                CommandText(errors, $"{path}[{i}]", list[i], allowEmpty: false);
            }
        }

        var fields = definition.Output.Fields;
        foreach (var (value, path) in new[]
        {
            (fields.Account, "account"), (fields.BandId, "bandId"), (fields.Address, "address"), (fields.Ports, "ports"),
            (fields.UpKbps, "upKbps"), (fields.DownKbps, "downKbps"), (fields.MaxUpKbps, "maxUpKbps"),
            (fields.MaxDownKbps, "maxDownKbps"), (fields.SpeedUpPermitted, "speedUpPermitted"),
        })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"output.fields.{path} must name the key of that field (without ':').");
            }
        }

        if (errors.Count > 0)
        {
            throw new DialectException($"Dialect {source} is not usable:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}");
        }

        var anyPrompt = new Regex(
            string.Join('|', new[] { exec!, config! }.Concat(others.OfType<Regex>()).Concat(confirmations.Select(c => c.Pattern!)).Select(r => "(?:" + r + ")")),
            Flags, MatchTimeout);
        var cli = new CliDialect
        {
            Name = definition.Name,
            PromptPattern = anyPrompt,
            NamedPrompts =
            [
                new CliNamedPattern("exec", exec!.ToString()),
                new CliNamedPattern("config", config!.ToString()),
                .. others.OfType<Regex>().Select((r, i) => new CliNamedPattern($"other[{i}]", r.ToString())),
                .. confirmations.Select((c, i) => new CliNamedPattern($"confirmations[{i}]", c.Pattern!.ToString())),
            ],
            PagerPattern = pager ?? CliDialect.DefaultPagerPattern,
            PagerResponse = definition.Pager?.Response ?? " ",
            OnOpenCommands = [.. definition.OnOpen],
            OnCloseCommands = [.. definition.OnClose],
            FailureIndicators = [.. definition.FailureIndicators],
            SecretPatterns = [.. secrets.OfType<Regex>()],
            LineTerminator = definition.LineTerminator,
        };
        return new CompiledDialect(definition, exec!, config!, [.. confirmations.Select(c => (c.Pattern!, c.Answer))], cli, separator!);
    }

    /// <summary>
    /// This dialect with a device's own prompt patterns (checked like the definition's); the same instance when
    /// <paramref name="prompts"/> overrides nothing.
    /// </summary>
    public CompiledDialect WithPrompts(ChannelPromptOverrides prompts, string channelName)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return string.IsNullOrEmpty(prompts.Exec) && string.IsNullOrEmpty(prompts.Config)
            ? this
            : Compile(Definition, $"{Name} for channel {channelName} (SpeedUp:Channels:…:Prompts)", prompts.Exec, prompts.Config);
    }

    /// <summary>The find command for a validated address.</summary>
    public string FindByAddress(System.Net.IPAddress address) =>
        Render(Definition.Commands.FindByAddress, ("address", CliValueGuard.RequireIpv4(address).ToString()));

    /// <summary>The read command for a validated account.</summary>
    public string ReadByAccount(string account) =>
        Render(Definition.Commands.ReadByAccount, ("account", CliValueGuard.RequireAccount(account)));

    /// <summary>The rate change for validated values.</summary>
    public string SetRate(string account, Direction direction, long rateKbps) =>
        Render(Definition.Commands.SetRate,
            ("account", CliValueGuard.RequireAccount(account)),
            ("direction", direction switch
            {
                Direction.Up => Definition.Commands.DirectionWords.Up,
                Direction.Down => Definition.Commands.DirectionWords.Down,
                _ => throw new DriverException(DriverFailure.InvalidValue, $"Unknown direction {(int)direction}; nothing was sent."),
            }),
            ("kbps", CliValueGuard.RequireRate(rateKbps).ToString(CultureInfo.InvariantCulture)));

    /// <summary>The question the prompt shows, if it is one.</summary>
    public DialectConfirmation? ConfirmationOf(string prompt) =>
        Confirmations.FirstOrDefault(c => c.Pattern.IsMatch(prompt.TrimEnd())).Answer;

    /// <summary>Whether the prompt is the exec view (and not a question).</summary>
    public bool IsExec(string prompt) => ConfirmationOf(prompt) is null && ExecPrompt.IsMatch(prompt);

    /// <summary>Whether the prompt is the configuration view.</summary>
    public bool IsConfig(string prompt) => ConfirmationOf(prompt) is null && ConfigPrompt.IsMatch(prompt);

    private static string Render(string template, params (string Name, string Value)[] values) =>
        Placeholder.Replace(template, m => values.First(v => v.Name == m.Groups["name"].Value).Value);

    private static void Require(List<string> errors, string value, string path, string pattern, string what)
    {
        if (string.IsNullOrEmpty(value) || !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, MatchTimeout))
        {
            errors.Add($"{path} must be {what}, got '{value}'.");
        }
    }

    private static Regex? Pattern(List<string> errors, string path, string pattern, bool anchored)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add($"{path} must be a regular expression.");
            return null;
        }

        if (anchored && (!pattern.StartsWith('^') || !pattern.EndsWith('$')))
        {
            errors.Add($"{path} must be anchored at both ends (^…$): it is matched against the last line only, got '{pattern}'.");
        }

        try
        {
            return new Regex(pattern, Flags, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{path} is not a valid regular expression ({e.Message}).");
            return null;
        }
    }

    private static void CommandText(List<string> errors, string path, string text, bool allowEmpty)
    {
        if ((!allowEmpty && string.IsNullOrWhiteSpace(text)) || text.Any(char.IsControl) || text.Length > 200)
        {
            errors.Add($"{path} must be one printable command line (no control characters, at most 200 characters).");
        }
    }

    private static void Template(List<string> errors, string path, string template, string[] required)
    {
        CommandText(errors, path, template, allowEmpty: false);
        var used = Placeholder.Matches(template).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in used.Where(u => u is not ("address" or "account" or "kbps" or "direction")))
        {
            errors.Add($"{path} uses an unknown placeholder {{{name}}} (known: {{address}}, {{account}}, {{kbps}}, {{direction}}).");
        }

        foreach (var name in required.Where(r => !used.Contains(r)))
        {
            errors.Add($"{path} must use {{{name}}}.");
        }

        var rest = Placeholder.Replace(template, "");
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            errors.Add($"{path} has a stray brace.");
        }
    }
}
