using System.Text;
using System.Threading.Channels;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// A scripted device for tests: every write is handed to a responder whose answer is queued for reading,
/// optionally cut into small chunks to exercise prompt and escape detection across read boundaries.
/// </summary>
public sealed class InMemoryTransport : ICliTransport
{
    private readonly Func<string, string?> _respond;
    private readonly string _greeting;
    private readonly List<string> _writes = [];
    private readonly Lock _sync = new();
    private Channel<byte[]> _output = Channel.CreateUnbounded<byte[]>();
    private byte[]? _pending;
    private int _pendingOffset;
    private volatile bool _connected;
    private volatile bool _waiting;

    /// <summary>Creates a scripted device.</summary>
    /// <param name="respond">
    /// Gets exactly what the client wrote (a command with its line terminator, or a pager key) and returns what
    /// the device sends back (echo included, if the device echoes), or null to stay silent.
    /// </param>
    /// <param name="greeting">What the device sends once the session opens, typically a banner and the first prompt.</param>
    public InMemoryTransport(Func<string, string?> respond, string greeting)
    {
        ArgumentNullException.ThrowIfNull(respond);
        _respond = respond;
        _greeting = greeting ?? "";
    }

    /// <summary>Output is delivered in pieces of at most this many bytes. Default: whole answers.</summary>
    public int ChunkSize { get; set; } = int.MaxValue;

    /// <summary>When set, <see cref="OpenAsync"/> throws it (simulates an unreachable device or a refused login).</summary>
    public Exception? OpenFailure { get; set; }

    /// <summary>How many times the transport was opened.</summary>
    public int OpenCount { get; private set; }

    /// <summary>Everything the client wrote, one entry per write, in order.</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_sync)
            {
                return [.. _writes];
            }
        }
    }

    /// <inheritdoc/>
    public bool IsConnected => _connected;

    /// <summary>
    /// Whether the client is blocked in a read with everything the device sent already read: a test on a fake clock
    /// moves the clock only then, once every timer of the client's wait is set.
    /// </summary>
    public bool IsIdle => _waiting && _output.Reader.Count == 0;

    /// <inheritdoc/>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OpenCount++;
        if (OpenFailure is not null)
        {
            throw OpenFailure;
        }

        _output = Channel.CreateUnbounded<byte[]>();
        _pending = null;
        _connected = true;
        Push(_greeting);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_connected)
        {
            throw new CliException(CliFailure.ConnectionLost, "The in-memory session is not open.");
        }

        var text = Encoding.UTF8.GetString(data.Span);
        lock (_sync)
        {
            _writes.Add(text);
        }

        var answer = _respond(text);
        if (answer is not null)
        {
            Push(answer);
        }

        return Task.CompletedTask;
    }

    /// <summary>Makes the device send <paramref name="text"/> unprompted.</summary>
    public void Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            _output.Writer.TryWrite(bytes[offset..Math.Min(bytes.Length, offset + ChunkSize)]);
        }
    }

    /// <summary>Makes the device drop the session: pending output can still be read, then reads return 0.</summary>
    public void Drop()
    {
        _connected = false;
        _output.Writer.TryComplete();
    }

    /// <inheritdoc/>
    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending is null)
        {
            if (!_output.Reader.TryRead(out var next))
            {
                _waiting = true;
                try
                {
                    if (!await _output.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return 0;
                    }
                }
                finally
                {
                    _waiting = false;
                }

                if (!_output.Reader.TryRead(out next))
                {
                    return 0;
                }
            }

            _pending = next;
            _pendingOffset = 0;
        }

        var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsSpan(_pendingOffset, count).CopyTo(buffer.Span);
        _pendingOffset += count;
        if (_pendingOffset == _pending.Length)
        {
            _pending = null;
        }

        return count;
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        _connected = false;
        _output.Writer.TryComplete();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));
}
