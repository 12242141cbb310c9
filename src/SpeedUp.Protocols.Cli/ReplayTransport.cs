using System.Globalization;
using System.Text;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Plays a <see cref="CliFixture"/> back without any network: hand <see cref="NextTransport"/> to a driver as its
/// transport factory; the i-th session opened replays the i-th recorded session. Use one session at a time
/// (MaxSessions 1, keep-alive off) so the order is the recorded one.
/// </summary>
public sealed class CliReplay
{
    private readonly Lock _gate = new();
    private readonly List<ReplayTransport> _transports = [];

    /// <summary>Creates a replay of <paramref name="fixture"/>; client writes are masked with <paramref name="redactor"/> before being compared.</summary>
    public CliReplay(CliFixture fixture, CliSecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
        Redactor = redactor;
    }

    /// <summary>The fixture played.</summary>
    public CliFixture Fixture { get; }

    /// <summary>Masks client writes before comparing (recorded writes are masked).</summary>
    public CliSecretRedactor? Redactor { get; }

    /// <summary>The transports handed out, in order.</summary>
    public IReadOnlyList<ReplayTransport> Transports
    {
        get
        {
            lock (_gate)
            {
                return [.. _transports];
            }
        }
    }

    /// <summary>The first mismatch any session saw, or null.</summary>
    public string? FirstMismatch => Transports.Select(t => t.Mismatch).FirstOrDefault(m => m is not null);

    /// <summary>Whether every recorded session was opened and every recorded write was received.</summary>
    public bool IsComplete
    {
        get
        {
            var transports = Transports;
            return transports.Count >= Fixture.Sessions.Count && transports.All(t => t.RemainingWrites == 0) && FirstMismatch is null;
        }
    }

    /// <summary>A transport for the next recorded session; a session beyond the recording fails to open (Unreachable).</summary>
    public ICliTransport NextTransport()
    {
        lock (_gate)
        {
            var index = _transports.Count;
            var transport = new ReplayTransport(index < Fixture.Sessions.Count ? Fixture.Sessions[index] : null, index, Redactor);
            _transports.Add(transport);
            return transport;
        }
    }
}

/// <summary>
/// One recorded session played back: on open the device's recorded output up to the first client write is readable;
/// each client write must equal the next recorded write (after masking), else it fails with
/// <see cref="CliFailure.ProtocolError"/> showing the expected and the sent text; then the recorded output up to the
/// next write is readable. A recorded close ends reads with 0.
/// </summary>
public sealed class ReplayTransport : ICliTransport
{
    private readonly CliFixtureSession? _session;
    private readonly int _index;
    private readonly CliSecretRedactor? _redactor;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _gate = new();
    private byte[] _pending = [];
    private int _pendingOffset;
    private int _next;
    private bool _open;
    private bool _remoteClosed;

    internal ReplayTransport(CliFixtureSession? session, int index, CliSecretRedactor? redactor)
    {
        _session = session;
        _index = index;
        _redactor = redactor;
    }

    /// <summary>What went wrong, or null: a write that did not match the recording, or a session beyond it.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>Recorded client writes not yet received.</summary>
    public int RemainingWrites => _session is null ? 0 : _session.Events.Skip(_next).Count(e => e.Kind == CliFixtureEventKind.Write);

    /// <inheritdoc/>
    public bool IsConnected => _open && !_remoteClosed;

    /// <inheritdoc/>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_session is null)
        {
            Mismatch = $"Replay: the client opened session {_index + 1}, but the fixture recorded only {_index} session(s).";
            throw new CliException(CliFailure.Unreachable, Mismatch);
        }

        lock (_gate)
        {
            _open = true;
            QueueOutputUntilNextWrite();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsConnected || _session is null)
        {
            throw new CliException(CliFailure.ConnectionLost, $"Replay session {_index + 1} is not open.");
        }

        var sent = Encoding.UTF8.GetString(data.Span);
        var compared = _redactor?.Redact(sent) ?? sent;
        lock (_gate)
        {
            var expected = _next < _session.Events.Count && _session.Events[_next].Kind == CliFixtureEventKind.Write
                ? _session.Events[_next].Text
                : null;
            if (!string.Equals(expected, compared, StringComparison.Ordinal))
            {
                var step = _session.Events.Take(_next).Count(e => e.Kind == CliFixtureEventKind.Write) + 1;
                Mismatch = expected is null
                    ? $"Replay mismatch in session {_index + 1}, write {step}: the recording has no more writes, but the client sent {Show(compared)}."
                    : $"Replay mismatch in session {_index + 1}, write {step}: expected {Show(expected)} but the client sent {Show(compared)}.";
                throw new CliException(CliFailure.ProtocolError, Mismatch);
            }

            _next++;
            QueueOutputUntilNextWrite();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_pendingOffset < _pending.Length)
                {
                    var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
                    _pending.AsSpan(_pendingOffset, count).CopyTo(buffer.Span);
                    _pendingOffset += count;
                    return count;
                }

                if (_remoteClosed || !_open)
                {
                    return 0;
                }
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _open = false;
        }

        _signal.Release();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));

    private void QueueOutputUntilNextWrite()
    {
        var output = new StringBuilder();
        while (_session is not null && _next < _session.Events.Count && _session.Events[_next].Kind != CliFixtureEventKind.Write)
        {
            var current = _session.Events[_next++];
            if (current.Kind == CliFixtureEventKind.Close)
            {
                _remoteClosed = true;
                break;
            }

            output.Append(current.Text);
        }

        if (output.Length > 0)
        {
            _pending = [.. _pending.AsSpan(_pendingOffset), .. Encoding.UTF8.GetBytes(output.ToString())];
            _pendingOffset = 0;
        }

        _signal.Release();
    }

    private static string Show(string text) =>
        "'" + string.Concat(text.Select(c => c switch
        {
            '\r' => "\\r",
            '\n' => "\\n",
            _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        })) + "'";
}
