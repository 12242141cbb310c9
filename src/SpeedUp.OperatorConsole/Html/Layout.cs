using Microsoft.AspNetCore.Antiforgery;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Html;

/// <summary>The page frame: title, navigation, the signed-in key, sign-out, a notice or an error.</summary>
internal static class Layout
{
    private static readonly (string Path, string Label)[] Navigation =
    [
        ("/console/channels", "Channels"), ("/console/sessions", "Sessions"), ("/console/statistics", "Statistics"), ("/console/failures", "Failures"), ("/console/keys", "Access keys"),
    ];

    /// <summary>A signed-in page.</summary>
    public static string Page(string title, string accessKeyId, AntiforgeryTokenSet tokens, string? notice, string? error, string body) =>
        Document(title,
            $"<nav>{string.Concat(Navigation.Select(n => $"<a href=\"{E(n.Path)}\">{E(n.Label)}</a>"))}"
            + $"<span class=\"who\">signed in as <b id=\"who\">{E(accessKeyId)}</b></span>"
            + Forms.Post(tokens, "/console/sign-out", [], "Sign out") + "</nav>"
            + (notice is null ? "" : $"<p class=\"notice\" id=\"notice\">{E(notice)}</p>")
            + (error is null ? "" : $"<p class=\"error\" id=\"error\">{E(error)}</p>")
            + body);

    /// <summary>A whole document.</summary>
    public static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + $"<title>{E(title)} · SpeedUp operator console</title><link rel=\"stylesheet\" href=\"/console/console.css\"></head>"
        + $"<body><h1>{E(title)}</h1>{body}</body></html>";

    /// <summary>The stylesheet (served at /console/console.css: the CSP allows no inline style).</summary>
    public const string Stylesheet = """
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        nav { display: flex; gap: 1em; align-items: center; margin-bottom: 1em; }
        nav form { display: inline; } .who { margin-left: auto; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
        th { background: #eee; } td form { display: inline; }
        .notice { background: #e8f5e9; padding: 0.5em; } .error { background: #fdecea; padding: 0.5em; }
        label { margin-right: 0.5em; } svg { border: 1px solid #ccc; }
        """;
}
