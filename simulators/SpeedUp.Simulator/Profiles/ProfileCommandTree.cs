namespace SpeedUp.Simulator;

/// <summary>A position in a view's command tree: keyword children or one placeholder child, and the command ending here.</summary>
internal sealed class ProfileCommandNode
{
    /// <summary>Keywords that may follow, in the profile's order (case-insensitive).</summary>
    public Dictionary<string, ProfileCommandNode> Keywords { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The placeholder that follows (without braces), when no keyword does.</summary>
    public string? Parameter { get; set; }

    public ProfileCommandNode? ParameterChild { get; set; }

    /// <summary>The command complete at this node.</summary>
    public ProfileCommand? Command { get; set; }

    /// <summary>Set on a keyword reached through <c>{direction}</c>.</summary>
    public RateDirection? Direction { get; set; }

    public bool IsLeaf => Keywords.Count == 0 && Parameter is null;
}

/// <summary>Builds one command tree per view from a profile's templates, checking them.</summary>
internal static class ProfileCommandTree
{
    public const string AnyView = "any";

    private static readonly string[] KnownActions = ["view", "close", "paging", "findByAddress", "readByAccount", "setRate", "control"];
    private static readonly string[] KnownParameters = ["account", "address", "kbps", "pageLength"];

    /// <exception cref="InvalidOperationException">A template or view is inconsistent.</exception>
    public static IReadOnlyDictionary<string, ProfileCommandNode> Build(SimulatorProfile profile)
    {
        var trees = new Dictionary<string, ProfileCommandNode>(StringComparer.Ordinal);
        foreach (var view in profile.Views)
        {
            if (string.IsNullOrWhiteSpace(view.Name) || view.Name == AnyView || string.IsNullOrEmpty(view.Prompt) || !trees.TryAdd(view.Name, new ProfileCommandNode()))
            {
                throw new InvalidOperationException($"view '{view.Name}' needs a unique name (not '{AnyView}') and a prompt.");
            }
        }

        foreach (var command in profile.Commands)
        {
            Check(command, profile, trees);
            var parts = command.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var views = command.Views.Contains(AnyView) ? trees.Keys.ToList() : command.Views;
            foreach (var view in views)
            {
                Insert(trees[view], parts, 0, command, profile);
            }
        }

        return trees;
    }

    private static void Check(ProfileCommand command, SimulatorProfile profile, Dictionary<string, ProfileCommandNode> trees)
    {
        var what = $"command '{command.Command}'";
        if (string.IsNullOrWhiteSpace(command.Command) || command.Views.Count == 0)
        {
            throw new InvalidOperationException($"{what} needs a template and views.");
        }

        if (!KnownActions.Contains(command.Do, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{what}: 'do' must be one of {string.Join(", ", KnownActions)}.");
        }

        if (command.Views.FirstOrDefault(v => v != AnyView && !trees.ContainsKey(v)) is { } unknown)
        {
            throw new InvalidOperationException($"{what}: unknown view '{unknown}'.");
        }

        if (command.Do == "view" && (command.To is null || !trees.ContainsKey(command.To)))
        {
            throw new InvalidOperationException($"{what}: 'to' must name a view.");
        }

        string[] needs = command.Do switch
        {
            "findByAddress" => ["{address}"],
            "readByAccount" => ["{account}"],
            "setRate" => ["{account}", "{direction}", "{kbps}"],
            _ => [],
        };
        if (needs.FirstOrDefault(n => !command.Command.Contains(n, StringComparison.Ordinal)) is { } lacking)
        {
            throw new InvalidOperationException($"{what} lacks {lacking}.");
        }

        if (command.Command.Contains("{direction}", StringComparison.Ordinal)
            && (string.IsNullOrWhiteSpace(profile.DirectionWords.Up) || string.IsNullOrWhiteSpace(profile.DirectionWords.Down)))
        {
            throw new InvalidOperationException($"{what} uses {{direction}}: directionWords.up and .down are needed.");
        }
    }

    private static void Insert(ProfileCommandNode node, string[] parts, int index, ProfileCommand command, SimulatorProfile profile)
    {
        if (node.Command?.Do == "control")
        {
            throw new InvalidOperationException($"command '{command.Command}' continues a control command.");
        }

        if (index == parts.Length)
        {
            if (node.Command is not null || (command.Do == "control" && !node.IsLeaf))
            {
                throw new InvalidOperationException($"command '{command.Command}' clashes with another command of the same view.");
            }

            node.Command = command;
            return;
        }

        var part = parts[index];
        if (part == "{direction}")
        {
            Insert(Keyword(node, profile.DirectionWords.Up, RateDirection.Up, command), parts, index + 1, command, profile);
            Insert(Keyword(node, profile.DirectionWords.Down, RateDirection.Down, command), parts, index + 1, command, profile);
            return;
        }

        if (part.StartsWith('{') && part.EndsWith('}'))
        {
            var name = part[1..^1];
            if (!KnownParameters.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"command '{command.Command}': unknown placeholder {part} (known: {string.Join(", ", KnownParameters)}, direction).");
            }

            if (node.Keywords.Count > 0 || (node.Parameter is not null && node.Parameter != name))
            {
                throw new InvalidOperationException($"command '{command.Command}': {part} where another command has a different word.");
            }

            node.Parameter = name;
            node.ParameterChild ??= new ProfileCommandNode();
            Insert(node.ParameterChild, parts, index + 1, command, profile);
            return;
        }

        Insert(Keyword(node, part, null, command), parts, index + 1, command, profile);
    }

    private static ProfileCommandNode Keyword(ProfileCommandNode node, string word, RateDirection? direction, ProfileCommand command)
    {
        if (node.Parameter is not null)
        {
            throw new InvalidOperationException($"command '{command.Command}': '{word}' where another command has {{{node.Parameter}}}.");
        }

        if (!node.Keywords.TryGetValue(word, out var child))
        {
            child = new ProfileCommandNode { Direction = direction };
            node.Keywords.Add(word, child);
        }
        else if (child.Direction != direction)
        {
            throw new InvalidOperationException($"command '{command.Command}': '{word}' is both a direction and a keyword.");
        }

        return child;
    }
}
