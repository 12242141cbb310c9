using System.Globalization;
using System.Text;

namespace SpeedUp.Host.Tests.Grpc.Fuzz;

/// <summary>
/// Hostile values for every request field, drawn from one seeded <see cref="Random"/>: command-line metacharacters and
/// Huawei VRP / ZTE ZXR10 command fragments, control characters, Unicode tricks, oversized text, and numbers at and
/// beyond every edge. Strings never hold an unpaired surrogate: protobuf cannot encode one (the client would fail
/// before sending), so it could not reach the service anyway.
/// </summary>
internal sealed class HostileValues(Random random)
{
    /// <summary>Metacharacters and device commands meant to end the intended command and start another.</summary>
    public static readonly string[] CommandFragments =
    [
        ";", "|", "||", "&", "&&", "`reboot`", "$(reboot)", "${IFS}", "?", "\t", ">", "<", "\\", "'", "\"", "#", "!", "*", "%",
        "\r\nreturn\r\n", "\nundo qos-profile", "\nreset saved-configuration", "\nsystem-view", "\r\nsystem-view\r\n",
        "\nsave\ny\n", "\nreboot\ny\n", "\nquit\nquit\n", "\r\naaa\r\naccess-user user-name zj0571a0001 car outbound cir 500000\r\n",
        "\nconfigure terminal\n", "\nno subscriber\n", "\nwrite\n", "\nundo local-user admin", " | include password",
        "; display current-configuration", "\nsubscriber js025u0004 rate-limit down 300000\n", "\n?\n", "\t\t",
        "\u0003", "\u001a", "\u001b[2J", "\u0000", "\u007f", "\b\b\b\b", "\u0085", "\r", "\n", "\r\n", "\v", "\f",
        "%n%s%x", "{0}", "' OR '1'='1", "\"; DROP TABLE sessions; --", "../../etc/passwd", "${jndi:ldap://x/a}",
        "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "@SUM(1+1)", "-1", "+1", "0x7f", "1e9", "NaN",
    ];

    /// <summary>Unicode that looks harmless or invisible: bidi overrides, zero-width, separators, look-alike digits, emoji.</summary>
    public static readonly string[] UnicodeFragments =
    [
        "\u202e", "\u202d", "\u2066", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029",
        "\u180e", "\u3000", "\u00a0", "🚀", "👨‍👩‍👧", "🇨🇳", "１２３", "２０２", "٣", "߃", "ＡＢＣ", "．", "。", "：", "－",
        "ｉｐ", "é", "e\u0301", "İ", "ß", "ǅ", "\U0001D7D9", "\ue000", "\U000F0000", "\ufffd", "\ufffe", "\u0378",
        "中文", "加速", "ﷺ", "Ꙫ", "\u0600", "\u061c",
    ];

    /// <summary>Printable pieces a scene label may legitimately hold (free text), hostile as they look.</summary>
    public static readonly string[] PrintablePieces =
    [
        "game", "live", "class", ";", "|", "&&", "`reboot`", "$(reboot)", "?", "undo qos-profile", "reset saved-configuration",
        "system-view", "return", "quit", "' OR '1'='1", "%n%s", "{0}", "<b>", "=1+1", "中文", "加速", "🚀", "１２３", "ＡＢＣ", " ",
        "\\", "\"", "#", "!", "*", "é", "\ufffd",
    ];

    private static readonly string[] AllFragments = [.. CommandFragments, .. UnicodeFragments];

    public T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public bool Chance(double probability) => random.NextDouble() < probability;

    public int Between(int minInclusive, int maxInclusive) => (int)random.NextInt64(minInclusive, (long)maxInclusive + 1);

    public long Between(long minInclusive, long maxInclusive) =>
        maxInclusive == long.MaxValue ? random.NextInt64(minInclusive, long.MaxValue) : random.NextInt64(minInclusive, maxInclusive + 1);

    /// <summary>
    /// A hostile variant of <paramref name="validBase"/> (a well-formed value of the field): a fragment alone, appended,
    /// prepended or inserted; a look-alike character swapped in; padding; random hostile text; or 10k–100k characters.
    /// May happen to be well-formed: callers classify it with <see cref="RequestContract"/>.
    /// </summary>
    public string Hostile(string validBase)
    {
        switch (random.Next(12))
        {
            case 0:
                return Pick(CommandFragments);
            case 1:
                return Pick(UnicodeFragments);
            case 2:
                return validBase + Pick(AllFragments);
            case 3:
                return Pick(AllFragments) + validBase;
            case 4:
                return Insert(validBase, Pick(AllFragments));
            case 5:
                return SwapLookAlike(validBase);
            case 6:
                var pad = Pick<string>([" ", "\t", "\n", "\r\n", "\u0000", "\u3000", "\u200b"]);
                return Chance(0.5) ? validBase + pad : pad + validBase;
            case 7:
            case 8:
                return Mixed(Between(1, 80));
            case 9:
                return Chance(0.3) ? Oversized() : validBase + Pick(CommandFragments) + Pick(CommandFragments);
            case 10:
                return Chance(0.5) ? "" : string.Concat(Enumerable.Repeat(validBase, Between(2, 5)));
            default:
                return validBase.Length > 1 ? validBase[..Boundary(validBase, Between(0, validBase.Length - 1))] + Pick(CommandFragments) : Pick(CommandFragments);
        }
    }

    /// <summary>10,000–100,000 characters: one fragment repeated, or random hostile text.</summary>
    public string Oversized()
    {
        var length = Between(10_000, 100_000);
        var text = new StringBuilder(length + 16);
        var piece = Chance(0.5) ? Pick(AllFragments) : Mixed(Between(1, 40));
        while (text.Length < length)
        {
            text.Append(piece);
        }

        return text.ToString();
    }

    /// <summary>Random pieces: fragments, control characters, printable ASCII, Unicode.</summary>
    public string Mixed(int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                    text.Append(Pick(AllFragments));
                    break;
                case 1:
                    text.Append((char)Between(0, 0x1f));
                    break;
                case 2:
                    text.Append((char)Between(0x20, 0x7e));
                    break;
                case 3:
                    text.Append((char)Between(0x7f, 0x9f));
                    break;
                default:
                    // Any Unicode scalar value (never a lone surrogate), assigned or not.
                    text.Append(new Rune(Chance(0.5) ? Between(0xa0, 0xd7ff) : Between(0xe000, 0x10ffff)).ToString());
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Printable free text of at most <paramref name="maxLength"/> UTF-16 units, built from <see cref="PrintablePieces"/>.</summary>
    public string PrintableText(int maxLength)
    {
        var text = new StringBuilder();
        var pieces = Between(1, 8);
        for (var i = 0; i < pieces; i++)
        {
            var piece = Pick(PrintablePieces);
            if (text.Length + piece.Length > maxLength)
            {
                break;
            }

            text.Append(piece);
        }

        return text.Length == 0 ? "game" : text.ToString();
    }

    /// <summary>A syntactically valid dotted quad.</summary>
    public string DottedQuad() => random.Next(6) switch
    {
        0 => Pick<string>(["202.101.172.35", "202.101.172.100", "58.240.57.100", "202.106.0.20", "61.139.2.70", "218.30.19.41"]),
        1 => Pick<string>(["0.0.0.0", "255.255.255.255", "127.0.0.1", "10.0.0.1", "1.1.1.1", "8.8.8.8"]),
        _ => string.Join('.', Between(0, 255), Between(0, 255), Between(0, 255), Between(0, 255)),
    };

    /// <summary>A hostile or malformed IPv4 text (may happen to be well-formed: classify it).</summary>
    public string IpText() => random.Next(4) switch
    {
        0 => Pick(IpShapes),
        1 => string.Join(Pick<string>([".", "..", ",", ":", " ", "。", "．", ". "]), NumberText(), NumberText(), NumberText(), NumberText()),
        _ => Hostile(DottedQuad()),
    };

    /// <summary>A hostile date text (may happen to be well-formed: classify it).</summary>
    public string DateText() => random.Next(3) switch
    {
        0 => Pick(DateShapes),
        _ => Hostile(ValidDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    };

    /// <summary>A day the statistics accept.</summary>
    public DateOnly ValidDate() =>
        RequestContract.FirstStatisticsDay.AddDays(Between(0, RequestContract.LastStatisticsDay.DayNumber - RequestContract.FirstStatisticsDay.DayNumber));

    /// <summary>1..64 of [A-Za-z0-9._:-].</summary>
    public string ClientRequestId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
        var length = Chance(0.2) ? Pick<int>([1, 63, 64]) : Between(1, 40);
        return string.Create(length, this, (span, self) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[self.Between(0, alphabet.Length - 1)];
            }
        });
    }

    private string NumberText() => random.Next(6) switch
    {
        0 => Between(256, 99999).ToString(CultureInfo.InvariantCulture),
        1 => "-" + Between(0, 255).ToString(CultureInfo.InvariantCulture),
        2 => "0" + Between(0, 255).ToString(CultureInfo.InvariantCulture),
        3 => Pick<string>(["", "0x7f", "1e2", "٣", "１", "+1", " 1", "1 "]),
        _ => Between(0, 255).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Whether <paramref name="text"/> holds a surrogate without its pair (which protobuf cannot encode).</summary>
    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index itself, or one less when it would split a surrogate pair.</summary>
    private static int Boundary(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;

    private string Insert(string text, string fragment)
    {
        var at = Boundary(text, Between(0, text.Length));
        return text[..at] + fragment + text[at..];
    }

    private string SwapLookAlike(string text)
    {
        if (text.Length == 0)
        {
            return Pick(UnicodeFragments);
        }

        var at = Between(0, text.Length - 1);
        var c = text[at];
        if (char.IsSurrogate(c))
        {
            return text + Pick(UnicodeFragments);
        }

        string swapped = c switch
        {
            >= '0' and <= '9' => Pick<string>([((char)('０' + (c - '0'))).ToString(), ((char)('٠' + (c - '0'))).ToString(), ((char)('०' + (c - '0'))).ToString()]),
            '.' => Pick<string>(["。", "．", "｡", "\u2024"]),
            '-' => Pick<string>(["－", "\u2010", "\u2212", "\u00ad"]),
            _ => Pick<string>(["\u0000", "\u200b", "\u202e", " "]),
        };
        return text[..at] + swapped + text[(at + 1)..];
    }

    private static readonly string[] IpShapes =
    [
        "", " ", "202.101.172.35 ", " 202.101.172.35", "202.101.172.35\n", "202.101.172.35\r\n", "202.101.172.35;reboot",
        "202.101.172.35|x", "202.101.172.35&&x", "202.101.172", "202.101.172.35.1", "202.101.172.035", "0202.101.172.35",
        "0x7f.0.0.1", "0177.0.0.1", "2130706433", "202.101.172.256", "-1.2.3.4", "+1.2.3.4", "1..2.3", "...", "1.2.3.",
        ".1.2.3", "::1", "::", "::ffff:202.101.172.35", "fe80::1%eth0", "2001:db8::1", "[::1]", "202.101.172.35:80",
        "202.101.172.35/24", "２０２.１０１.１７２.３５", "202。101。172。35", "202.101.172.35\u0000", "202.101.172.3\u200b5",
        "202.101.172.35\r\nsystem-view", "202.101.172.35\nundo qos-profile", "$(reboot)", "`reboot`", "localhost",
        "999.999.999.999", "1.2.3.4e0", "١.٢.٣.٤", "202.101.172.35\t", "\u202e53.271.101.202", "1.2.3.04", "00.0.0.0",
    ];

    private static readonly string[] DateShapes =
    [
        "0001-01-01", "9999-12-31", "9999-12-01", "0001-01-31", "1999-12-31", "2100-01-01", "1970-01-01", "2026-02-29",
        "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-1", "26-01-01", "2026-01-01T00:00:00Z", "2026/01/01", "２０２６-01-01",
        "2026-01-01\n", " 2026-01-01", "2026-01-01 ", "20260101", "-2026-01-01", "+2026-01-01", "2026-01-01;reboot",
        "2026-01-01\r\nsystem-view", "2026-01", "2026", "yyyy-MM-dd", "2026-٠١-01", "2026－01－01", "10000-01-01", "0000-01-01",
    ];
}
