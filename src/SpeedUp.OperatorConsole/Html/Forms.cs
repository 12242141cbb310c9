using Microsoft.AspNetCore.Antiforgery;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Html;

/// <summary>POST forms, each carrying the antiforgery token (the <c>__csrf</c> field), and the values they send.</summary>
internal static class Forms
{
    /// <summary>The form field of the antiforgery token.</summary>
    public const string TokenField = "__csrf";

    /// <summary>A POST form to <paramref name="action"/> with hidden <paramref name="fields"/>, extra markup and a button.</summary>
    public static string Post(AntiforgeryTokenSet tokens, string action, IEnumerable<(string Name, string Value)> fields, string button, string inner = "") =>
        $"<form method=\"post\" action=\"{E(action)}\">"
        + $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">"
        + string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{E(f.Name)}\" value=\"{E(f.Value)}\">"))
        + inner
        + $"<button type=\"submit\">{E(button)}</button></form>";
}
