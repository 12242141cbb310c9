namespace SpeedUp.Admin.Cli.Credentials;

/// <summary>
/// A secret on a command line is readable by every local user (<c>ps</c>, <c>/proc/*/cmdline</c>) and stays in shell
/// history: the tool has no option for one, and refuses a call that looks like it carries one — an option named like a
/// secret, or any argument holding the secret it is about to sign with.
/// </summary>
internal static class CommandLineSecretGuard
{
    private static readonly string[] SecretWords = ["secret", "password", "passwd", "token", "credential"];

    /// <summary>The refusal message for <paramref name="args"/>, or null when no option is named like a secret.</summary>
    public static string? RefusalForOptionNames(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            if (!arg.StartsWith('-'))
            {
                continue;
            }

            var name = arg.TrimStart('-').Split('=', ':')[0];
            if (SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return $"'--{name}': {Advice}";
            }
        }

        return null;
    }

    /// <summary>Secrets shorter than this are not looked for among the arguments (a short one would turn up in ordinary words).</summary>
    public const int MinimumSecretLength = 8;

    /// <summary>The refusal message when an argument holds <paramref name="secret"/>, or null.</summary>
    public static string? RefusalForSecretValue(IEnumerable<string> args, string secret) =>
        secret.Length >= MinimumSecretLength && args.Any(a => a.Contains(secret, StringComparison.Ordinal))
            ? $"an argument holds the access key secret: {Advice}"
            : null;

    /// <summary>Where a secret goes instead.</summary>
    public const string Advice =
        "a secret is never taken on the command line (any local user can read it there, and shell history keeps it); " +
        "set " + CredentialSources.SecretVariable + " or put it in a profile file readable by you alone (chmod 600).";
}
