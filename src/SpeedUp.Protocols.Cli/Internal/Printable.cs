using System.Globalization;
using System.Text;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>Renders device bytes for error messages: control characters made visible.</summary>
internal static class Printable
{
    /// <summary>Renders <paramref name="text"/> with <c>\r</c>, <c>\n</c>, <c>\e</c> and <c>\xNN</c> escapes.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\u001b' => builder.Append("\\e"),
                _ when char.IsControl(c) => builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
