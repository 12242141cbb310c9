using System.Text;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>
/// A hostile device: greets with a prompt, then answers any command with <see cref="Pattern"/> repeated forever —
/// every read fills the caller's buffer, no prompt ever comes. Counts the bytes it sent.
/// </summary>
internal sealed class FloodingTransport(string pattern, string greeting = "<BRAS>") : ICliTransport
{
    private readonly byte[] _pattern = Encoding.UTF8.GetBytes(pattern);
    private byte[] _greeting = Encoding.UTF8.GetBytes(greeting);
    private bool _flooding;
    private int _offset;

    public long BytesSent { get; private set; }

    public bool IsConnected { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        IsConnected = true;
        return Task.CompletedTask;
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _flooding = true;
        return Task.CompletedTask;
    }

    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsConnected)
        {
            return 0;
        }

        if (_greeting.Length > 0)
        {
            var greeting = _greeting;
            _greeting = [];
            greeting.CopyTo(buffer);
            return greeting.Length;
        }

        if (!_flooding)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var span = buffer.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = _pattern[_offset];
            _offset = (_offset + 1) % _pattern.Length;
        }

        BytesSent += span.Length;
        return span.Length;
    }

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        IsConnected = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));
}
