using System.Text;

namespace SpeedUp.OperatorConsole.Backend;

/// <summary>
/// Reads the call-detail CSV the statistics admin API exports (RFC 4180: quoted fields, doubled quotes, CRLF rows; a
/// leading BOM; the header row first) into rows of named fields. Malformed rows are skipped, never guessed.
/// </summary>
internal static class DetailCsv
{
    /// <summary>The rows after the header, each as header name → value.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        var records = Records(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0];
        return [.. records.Skip(1).Where(r => r.Count == header.Count)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))];
    }

    private static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
