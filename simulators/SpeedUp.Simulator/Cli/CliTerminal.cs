using System.Text;

namespace SpeedUp.Simulator;

/// <summary>
/// Raw byte channel of one CLI session: buffered input one byte at a time, buffered output flushed
/// whenever the session is about to wait for input (so echo and output leave in few writes).
/// </summary>
internal sealed class CliTerminal
{
    private readonly Stream _stream;
    private readonly byte[] _input = new byte[4096];
    private readonly StringBuilder _output = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    public CliTerminal(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Next input byte, or -1 at end of stream. A '\n' right after a '\r' is swallowed when asked.</summary>
    public async ValueTask<int> ReadByteAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_position >= _length)
            {
                await FlushAsync(ct);
                _length = await _stream.ReadAsync(_input, ct);
                _position = 0;
                if (_length == 0)
                {
                    return -1;
                }
            }

            var b = _input[_position++];
            var skip = _skipLineFeed && b == (byte)'\n';
            _skipLineFeed = false;
            if (!skip)
            {
                return b;
            }
        }
    }

    /// <summary>Call after consuming a '\r' so that a '\n' following it (a "\r\n" terminator) is ignored.</summary>
    public void SkipNextLineFeed() => _skipLineFeed = true;

    public void Write(string text) => _output.Append(text);

    public void Write(char c) => _output.Append(c);

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_output.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(_output.ToString());
        _output.Clear();
        await _stream.WriteAsync(bytes, ct);
        await _stream.FlushAsync(ct);
    }
}
