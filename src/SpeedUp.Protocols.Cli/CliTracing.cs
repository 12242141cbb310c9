using System.Diagnostics;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// The spans of the CLI stack, on the <see cref="ActivitySource"/> named <see cref="SourceName"/>: one
/// <c>cli.session.open</c> per session opened (login and on-open commands) and one <c>cli.command</c> per command
/// exchange (keep-alive probes excepted). A span never holds a secret; the command's text only as
/// <see cref="CliChannelOptions.CommandTracing"/> allows (by default its first word alone).
/// </summary>
public static class CliTracing
{
    /// <summary>The name of the activity source to listen to.</summary>
    public const string SourceName = "SpeedUp.Protocols.Cli";

    /// <summary>Span of a session's opening (transport connected, login, first prompt, on-open commands).</summary>
    public const string SessionOpenSpan = "cli.session.open";

    /// <summary>Span of one command exchange (command sent, output read until the prompt).</summary>
    public const string CommandSpan = "cli.command";

    /// <summary>Tag: the dialect's name, e.g. <c>huawei-vrp</c>.</summary>
    public const string DialectTag = "cli.dialect";

    /// <summary>Tag: the command's first word (its verb), e.g. <c>display</c>.</summary>
    public const string VerbTag = "cli.command.verb";

    /// <summary>Tag: the whole command with secrets masked; only with <see cref="CliCommandTracing.Redacted"/>.</summary>
    public const string CommandTag = "cli.command";

    /// <summary>Tag: whether the device refused the command (a failure indicator in its output).</summary>
    public const string RefusedTag = "cli.command.refused";

    /// <summary>Tag: characters of output read for the command.</summary>
    public const string OutputLengthTag = "cli.output.length";

    /// <summary>Tag: what failed (a <see cref="CliFailure"/> or <c>cancelled</c>) when the exchange did not complete.</summary>
    public const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The first word of <paramref name="command"/> (up to the first blank); empty for a blank command.</summary>
    public static string VerbOf(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var trimmed = command.AsSpan().Trim();
        var blank = trimmed.IndexOfAny(' ', '\t');
        return (blank < 0 ? trimmed : trimmed[..blank]).ToString();
    }

    internal static void Failed(Activity? activity, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorTypeTag, errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
    }
}
