using SpeedUp.Core.Errors;

namespace SpeedUp.Host;

/// <summary>
/// The arguments of a command (<c>locate</c>, <c>seed</c>) after its verb: options it knows (<c>--name value</c>),
/// positional values, and configuration keys for the service's configuration (<c>--SpeedUp:Location:DatabasePath=…</c>,
/// any <c>--key</c> holding ':' or '='). Any other <c>--option</c> is refused, so a misspelt one is not ignored.
/// </summary>
internal sealed class CommandArguments
{
    private CommandArguments(Dictionary<string, string> options, List<string> positional, List<string> configuration)
    {
        Options = options;
        Positional = positional;
        Configuration = configuration;
    }

    public IReadOnlyDictionary<string, string> Options { get; }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Command-line configuration, as the service would take it.</summary>
    public IReadOnlyList<string> Configuration { get; }

    /// <exception cref="SpeedUpException">An unknown option, or a known one without its value.</exception>
    public static CommandArguments Parse(string[] args, IReadOnlyCollection<string> known)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (known.Contains(arg))
            {
                if (i + 1 >= args.Length)
                {
                    throw SpeedUpException.InvalidParameter($"{arg} needs a value.");
                }

                options[arg] = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && (arg.Contains(':', StringComparison.Ordinal) || arg.Contains('=', StringComparison.Ordinal)))
            {
                configuration.Add(arg);
            }
            else if (arg.StartsWith('-'))
            {
                throw SpeedUpException.InvalidParameter($"unknown option '{arg}' (known: {string.Join(", ", known)}, or --Section:Key=value).");
            }
            else
            {
                positional.Add(arg);
            }
        }

        return new CommandArguments(options, positional, configuration);
    }
}
