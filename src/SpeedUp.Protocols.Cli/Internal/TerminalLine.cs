using System.Text;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>
/// A minimal terminal: turns the device's character stream into lines the way a screen would show them.
/// Carriage return and cursor-left (<c>ESC[nD</c>, backspace) move the cursor back so that later text
/// overwrites; <c>ESC[K</c> erases to the end of the line; other escape sequences are dropped. Escape
/// sequences split across reads are completed by the next read. The line is as wide as <c>maxLineChars</c>: the cursor
/// never moves past it (as on a real screen), and text that would be written there sets <see cref="Overflowed"/>
/// instead of growing the line, so no input — an endless line, a cursor jump of a billion columns — can make it
/// allocate more than that.
/// </summary>
internal sealed class TerminalLine(int maxLineChars)
{
    private const char Escape = '\u001b';
    private readonly StringBuilder _completed = new();
    private readonly StringBuilder _current = new();
    private readonly StringBuilder _pendingEscape = new();
    private int _cursor;

    /// <summary>The last, unterminated line as the screen shows it.</summary>
    public string Current => _current.ToString();

    /// <summary>The completed lines, each ending with <c>\n</c>, trailing blanks trimmed.</summary>
    public string Completed => _completed.ToString();

    /// <summary>Characters in <see cref="Completed"/>, without building the string.</summary>
    public int CompletedLength => _completed.Length;

    /// <summary>Whether text reached past the line width since the last <see cref="Reset"/> (it was dropped).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Clears the screen.</summary>
    public void Reset()
    {
        _completed.Clear();
        _current.Clear();
        _pendingEscape.Clear();
        _cursor = 0;
        Overflowed = false;
    }

    /// <summary>Replaces the current line with nothing (used after a pager line was answered).</summary>
    public void ClearCurrentLine()
    {
        _current.Clear();
        _cursor = 0;
    }

    /// <summary>Feeds decoded text from the device.</summary>
    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (_pendingEscape.Length > 0 || c == Escape)
            {
                _pendingEscape.Append(c);
                if (TryCompleteEscape())
                {
                    _pendingEscape.Clear();
                }

                continue;
            }

            switch (c)
            {
                case '\n':
                    _completed.Append(_current.ToString().TrimEnd()).Append('\n');
                    _current.Clear();
                    _cursor = 0;
                    break;
                case '\r':
                    _cursor = 0;
                    break;
                case '\b':
                    _cursor = Math.Max(0, _cursor - 1);
                    break;
                case '\t':
                    Put(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        Put(c);
                    }

                    break;
            }
        }
    }

    private void Put(char c)
    {
        if (_cursor >= maxLineChars)
        {
            Overflowed = true;
            return;
        }

        if (_cursor < _current.Length)
        {
            _current[_cursor] = c;
        }
        else
        {
            _current.Append(' ', _cursor - _current.Length).Append(c);
        }

        _cursor++;
    }

    /// <summary>Interprets the pending escape sequence; returns true once it is complete (or malformed).</summary>
    private bool TryCompleteEscape()
    {
        var length = _pendingEscape.Length;
        if (length < 2)
        {
            return false;
        }

        var kind = _pendingEscape[1];
        if (kind != '[')
        {
            // Two-character escapes (ESC 7, ESC =) and charset selections (ESC ( B) are dropped.
            return kind is not ('(' or ')') || length >= 3;
        }

        var last = _pendingEscape[length - 1];
        if (length == 2 || last is >= '0' and <= '9' or ';' or '?')
        {
            return length > 32; // give up on absurdly long sequences
        }

        var argument = _pendingEscape.ToString(2, length - 3);
        var count = int.TryParse(argument, out var n) && n > 0 ? n : 1;
        switch (last)
        {
            case 'D':
                _cursor = Math.Max(0, _cursor - count);
                break;
            case 'C':
                _cursor = (int)Math.Min(maxLineChars, (long)_cursor + count);
                break;
            case 'K' when argument is "" or "0":
                if (_cursor < _current.Length)
                {
                    _current.Length = _cursor;
                }

                break;
            case 'K' when argument == "2":
                _current.Clear();
                break;
        }

        return true;
    }
}
