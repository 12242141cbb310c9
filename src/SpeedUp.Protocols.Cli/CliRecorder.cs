using System.Text;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Records CLI sessions into a <see cref="CliFixture"/>: wrap every transport a driver opens with <see cref="Wrap"/>,
/// run the scenario, then <see cref="Save"/>. Every text is redacted (<see cref="CliSecretRedactor"/>) before it is
/// kept, so secrets never reach the fixture or the disk. Thread-safe.
/// </summary>
public sealed class CliRecorder
{
    private readonly Lock _gate = new();
    private readonly List<CliFixtureSession> _sessions = [];

    /// <summary>Creates a recorder for <paramref name="dialect"/>, masking <paramref name="secrets"/> (the channel's password, community…).</summary>
    public CliRecorder(CliDialect dialect, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
        Redactor = new CliSecretRedactor(dialect, secrets);
    }

    /// <summary>The dialect recorded.</summary>
    public CliDialect Dialect { get; }

    /// <summary>The masking applied to everything recorded.</summary>
    public CliSecretRedactor Redactor { get; }

    /// <summary>A transport recording what passes through <paramref name="inner"/>.</summary>
    public RecordingTransport Wrap(ICliTransport inner) => new(inner, this);

    /// <summary>The sessions recorded so far, as a fixture.</summary>
    public CliFixture ToFixture(string? source = null, IReadOnlyDictionary<string, string>? scenario = null)
    {
        lock (_gate)
        {
            return new CliFixture
            {
                Dialect = Dialect.Name,
                Source = source,
                RecordedAt = DateTimeOffset.UtcNow,
                Scenario = scenario is null ? [] : new Dictionary<string, string>(scenario, StringComparer.Ordinal),
                Sessions = [.. _sessions.Select(session => new CliFixtureSession { Events = [.. session.Events] })],
            };
        }
    }

    /// <summary>Writes the recorded sessions (redacted) to <paramref name="path"/>.</summary>
    public CliFixture Save(string path, string? source = null, IReadOnlyDictionary<string, string>? scenario = null)
    {
        var fixture = ToFixture(source, scenario);
        fixture.Save(path);
        return fixture;
    }

    internal CliFixtureSession StartSession()
    {
        var session = new CliFixtureSession();
        lock (_gate)
        {
            _sessions.Add(session);
        }

        return session;
    }

    internal void Append(CliFixtureSession session, CliFixtureEventKind kind, string text)
    {
        lock (_gate)
        {
            session.Events.Add(new CliFixtureEvent(kind, Redactor.Redact(text)));
        }
    }
}

/// <summary>
/// An <see cref="ICliTransport"/> that forwards to a real one and records, in order, each client write and the device
/// output between writes (merged, so redaction sees whole lines), secrets masked. Created by <see cref="CliRecorder.Wrap"/>.
/// </summary>
public sealed class RecordingTransport : ICliTransport
{
    private readonly ICliTransport _inner;
    private readonly CliRecorder _recorder;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _pendingOutput = new();
    private readonly Lock _gate = new();
    private CliFixtureSession? _session;

    internal RecordingTransport(ICliTransport inner, CliRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _recorder = recorder;
    }

    /// <inheritdoc/>
    public bool IsConnected => _inner.IsConnected;

    /// <inheritdoc/>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _inner.OpenAsync(cancellationToken).ConfigureAwait(false);
        _session = _recorder.StartSession();
    }

    /// <inheritdoc/>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _inner.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        if (_session is { } session)
        {
            lock (_gate)
            {
                FlushOutput(session);
                _recorder.Append(session, CliFixtureEventKind.Write, Encoding.UTF8.GetString(data.Span));
            }
        }
    }

    /// <inheritdoc/>
    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var count = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (_session is { } session)
        {
            lock (_gate)
            {
                if (count > 0)
                {
                    var chars = new char[_decoder.GetCharCount(buffer.Span[..count], flush: false)];
                    _decoder.GetChars(buffer.Span[..count], chars, flush: false);
                    _pendingOutput.Append(chars);
                }
                else
                {
                    FlushOutput(session);
                    _recorder.Append(session, CliFixtureEventKind.Close, "");
                }
            }
        }

        return count;
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            lock (_gate)
            {
                FlushOutput(session);
            }
        }

        return _inner.CloseAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            lock (_gate)
            {
                FlushOutput(session);
            }
        }

        await _inner.DisposeAsync().ConfigureAwait(false);
    }

    private void FlushOutput(CliFixtureSession session)
    {
        if (_pendingOutput.Length == 0)
        {
            return;
        }

        _recorder.Append(session, CliFixtureEventKind.Output, _pendingOutput.ToString());
        _pendingOutput.Clear();
    }
}
