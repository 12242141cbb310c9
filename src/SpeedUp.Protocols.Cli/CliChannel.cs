using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// An interactive CLI session over an <see cref="ICliTransport"/>: sends one command at a time and reads
/// until the dialect's prompt appears at the tail of the output, answering pager lines on the way.
/// Thread-safe: concurrent callers are served one after the other. After a timeout, a cancellation in the
/// middle of a command or a lost connection the session is closed (<see cref="IsOpen"/> turns false), since
/// late output would otherwise be read as the answer to the next command.
/// </summary>
public sealed class CliChannel : IAsyncDisposable
{
    private const int TailChars = 160;
    private const int MismatchLineChars = 120;
    private readonly ICliTransport _transport;
    private readonly CliChannelOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TerminalLine _screen;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly byte[] _readBuffer = new byte[8192];
    private readonly char[] _charBuffer = new char[8192 + 4];
    private readonly StringBuilder _tail = new();
    private readonly TranscriptWriter _transcript;
    private bool _opened;
    private bool _closed;

    /// <summary>Creates a channel; nothing is sent until <see cref="OpenAsync"/>.</summary>
    /// <param name="transport">The byte pipe; the channel owns it and disposes it.</param>
    /// <param name="dialect">How the device talks.</param>
    /// <param name="options">Timeouts and limits; defaults when null.</param>
    /// <param name="logger">Where to log; nothing when null.</param>
    public CliChannel(ICliTransport transport, CliDialect dialect, CliChannelOptions? options = null, ILogger<CliChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(dialect);
        _transport = transport;
        Dialect = dialect;
        _options = options ?? new CliChannelOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxOutputChars, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLineChars, 80, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PromptMismatchAfter, TimeSpan.Zero, nameof(options));
        _screen = new TerminalLine(_options.MaxLineChars);
        _logger = logger ?? NullLogger<CliChannel>.Instance;
        _transcript = new TranscriptWriter(dialect, _options);
    }

    /// <summary>How the device talks.</summary>
    public CliDialect Dialect { get; }

    /// <summary>Whether the session is open and usable.</summary>
    public bool IsOpen => _opened && !_closed && _transport.IsConnected;

    /// <summary>The last prompt seen, e.g. <c>&lt;HOST&gt;</c>; empty before the session opens.</summary>
    public string LastPrompt { get; private set; } = "";

    /// <summary>Opens the transport, waits for the first prompt and runs the dialect's on-open commands.</summary>
    /// <exception cref="CliException">The device is unreachable, refused the login or never showed a prompt.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new CliException(CliFailure.ConnectionLost, $"This {Dialect.Name} CLI session was closed; open a new channel.");
            }

            if (_opened)
            {
                return;
            }

            using var activity = CliTracing.Source.StartActivity(CliTracing.SessionOpenSpan, ActivityKind.Client);
            activity?.SetTag(CliTracing.DialectTag, Dialect.Name);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (activity is not null)
            {
                CliTracing.Failed(activity, exception is CliException cli ? cli.Failure.ToString() : exception is OperationCanceledException ? "cancelled" : exception.GetType().Name);
                throw;
            }

            CliLog.SessionOpened(_logger, Dialect.Name, LastPrompt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (!_opened)
        {
            await AbortAsync("(login)", exception.GetType().Name).ConfigureAwait(false);
            if (exception is CliException or OperationCanceledException)
            {
                throw;
            }

            throw new CliException(CliFailure.ProtocolError, $"Opening the {Dialect.Name} CLI session failed: {exception.Message}", exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OpenSessionAsync(CancellationToken cancellationToken)
    {
        await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        _screen.Reset();
        await ReadUntilPromptAsync("(login)", _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        _opened = true;

        foreach (var command in Dialect.OnOpenCommands)
        {
            var response = await ExecuteAsync(command, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (response.ErrorLine is not null)
            {
                CliLog.OnOpenCommandFailed(_logger, command, response.ErrorLine);
            }
        }
    }

    /// <summary>Sends <paramref name="command"/> and reads its output until the prompt, within the default command timeout.</summary>
    /// <inheritdoc cref="SendCommandAsync(string, TimeSpan, CancellationToken)"/>
    public Task<CliResponse> SendCommandAsync(string command, CancellationToken cancellationToken) =>
        SendCommandAsync(command, _options.CommandTimeout, cancellationToken);

    /// <summary>Sends <paramref name="command"/> and reads its output until the prompt.</summary>
    /// <param name="command">One command line, without line terminator or control characters.</param>
    /// <param name="timeout">How long until the prompt must be seen.</param>
    /// <param name="cancellationToken">Cancels the wait; the session is then closed.</param>
    /// <returns>The output; <see cref="CliResponse.Failed"/> tells whether the device refused the command.</returns>
    /// <exception cref="ArgumentException">The command holds a line break or another control character.</exception>
    /// <exception cref="CliException">
    /// Timeout (prompt not seen), a protocol error (e.g. <c>prompt not matched:</c> the output stalled on a line the
    /// dialect's prompts do not match, see <see cref="CliChannelOptions.PromptMismatchAfter"/>) or the session was lost.
    /// </exception>
    public async Task<CliResponse> SendCommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Any(char.IsControl))
        {
            throw new ArgumentException("A command must be one line without control characters.", nameof(command));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsOpen)
            {
                throw new CliException(CliFailure.ConnectionLost, $"The {Dialect.Name} CLI session is not open (never opened, closed after an earlier failure, or dropped by the device).");
            }

            return await ExecuteAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the session (sending the dialect's on-close commands when it is healthy) and the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsOpen && Dialect.OnCloseCommands.Count > 0)
            {
                await SayGoodbyeAsync().ConfigureAwait(false);
            }

            _closed = true;
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SayGoodbyeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            foreach (var command in Dialect.OnCloseCommands)
            {
                _transcript.Record(command, "(on close: not waited for)", "", TimeSpan.Zero);
                await _transport.WriteAsync(Encoding.UTF8.GetBytes(command + Dialect.LineTerminator), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is CliException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Best effort: the session is closed either way.
        }
    }

    private async Task<CliResponse> ExecuteAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Keep-alive probes (an empty line) are not exchanges worth a span.
        using var activity = command.Length == 0 ? null : StartCommandActivity(command);
        try
        {
            var response = await ExchangeAsync(command, timeout, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(CliTracing.RefusedTag, response.Failed);
            activity?.SetTag(CliTracing.OutputLengthTag, response.Output.Length);
            return response;
        }
        catch (Exception exception) when (activity is not null)
        {
            CliTracing.Failed(activity, exception switch
            {
                CliException cli => cli.Failure.ToString(),
                OperationCanceledException => "cancelled",
                _ => exception.GetType().Name,
            });
            throw;
        }
    }

    private Activity? StartCommandActivity(string command)
    {
        var activity = CliTracing.Source.StartActivity(CliTracing.CommandSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CliTracing.DialectTag, Dialect.Name);
            activity.SetTag(CliTracing.VerbTag, CliTracing.VerbOf(command));
            if (_options.CommandTracing == CliCommandTracing.Redacted)
            {
                activity.SetTag(CliTracing.CommandTag, _transcript.Apply(command));
            }
        }

        return activity;
    }

    private async Task<CliResponse> ExchangeAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _screen.Reset();
        _tail.Clear();
        var bytes = Encoding.UTF8.GetBytes(command + Dialect.LineTerminator);
        try
        {
            await _transport.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            await AbortAsync(command, exception.Message).ConfigureAwait(false);
            _transcript.Record(command, "(failed: " + exception.Failure + ")", "", Stopwatch.GetElapsedTime(started));
            throw;
        }

        try
        {
            await ReadUntilPromptAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CliException or OperationCanceledException)
        {
            var reason = exception is CliException cli ? cli.Failure.ToString() : "cancelled";
            _transcript.Record(command, $"(failed: {reason})", "", Stopwatch.GetElapsedTime(started));
            throw;
        }

        var (output, errorLine) = ResponseShaper.Shape(command, _screen.Completed, Dialect.FailureIndicators);
        var elapsed = Stopwatch.GetElapsedTime(started);
        CliLog.CommandCompleted(_logger, _transcript.Apply(command), elapsed.TotalMilliseconds, errorLine is not null, LastPrompt);
        _transcript.Record(command, output, LastPrompt, elapsed);
        return new CliResponse(command, output, LastPrompt, errorLine, elapsed);
    }

    private async Task ReadUntilPromptAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        string? stalledOn = null;
        try
        {
            while (true)
            {
                var read = stalledOn is null
                    ? await _transport.ReadAsync(_readBuffer, timeoutSource.Token).ConfigureAwait(false)
                    : await ReadOrDetectMismatchAsync(command, stalledOn, timer.Token, timeoutSource.Token, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var message = $"The device closed the session while '{command}' waited for its prompt. Last bytes seen: '{LastBytes()}'.";
                    await AbortAsync(command, "closed by the device").ConfigureAwait(false);
                    throw new CliException(CliFailure.ConnectionLost, message);
                }

                var chars = _decoder.GetChars(_readBuffer, 0, read, _charBuffer, 0);
                _screen.Feed(_charBuffer.AsSpan(0, chars));
                RememberTail(_charBuffer.AsSpan(0, chars));
                if (_screen.Overflowed)
                {
                    await AbortAsync(command, "line too long").ConfigureAwait(false);
                    throw new CliException(CliFailure.ProtocolError,
                        $"A line of the output of '{command}' went past {_options.MaxLineChars} characters (MaxLineChars): endless output " +
                        "without a line end, or an escape sequence moving the cursor that far; the session was closed.");
                }


                var current = _screen.Current;
                if (Dialect.PromptPattern.IsMatch(current))
                {
                    LastPrompt = current.Trim();
                    return;
                }

                if (Dialect.PagerPattern.IsMatch(current))
                {
                    _screen.ClearCurrentLine();
                    await _transport.WriteAsync(Encoding.UTF8.GetBytes(Dialect.PagerResponse), timeoutSource.Token).ConfigureAwait(false);
                    CliLog.PagerAnswered(_logger, command);
                }

                if (_screen.CompletedLength > _options.MaxOutputChars)
                {
                    await AbortAsync(command, "output too long").ConfigureAwait(false);
                    throw new CliException(CliFailure.ProtocolError,
                        $"The output of '{command}' exceeded {_options.MaxOutputChars} characters (MaxOutputChars) without a prompt matching '{Dialect.PromptPattern}'; the session was closed.");
                }

                stalledOn = PromptMismatchCandidate();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message =
                $"No prompt matching '{Dialect.PromptPattern}' within {timeout.TotalSeconds:0.###} s after '{command}'. " +
                $"Last bytes seen: '{LastBytes()}'. Likely causes: the prompt pattern does not match this device's prompt " +
                "(odd hostname or view), output stopped at a pager line the pager pattern does not match, or the device is slow or hung.";
            await AbortAsync(command, "timeout").ConfigureAwait(false);
            throw new CliException(CliFailure.Timeout, message);
        }
        catch (Exception exception) when (exception is OperationCanceledException or CliException)
        {
            await AbortAsync(command, exception is CliException cli ? cli.Failure.ToString() : "cancelled").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Reads with a stall timer of <see cref="CliChannelOptions.PromptMismatchAfter"/> on top of the command's timeout:
    /// when no byte comes while the output rests on <paramref name="line"/> (prompt-like, matched by nothing waited
    /// for), the wait fails at once with <c>prompt not matched:</c> instead of running into the timeout.
    /// </summary>
    private async Task<int> ReadOrDetectMismatchAsync(
        string command, string line, CancellationToken timeoutToken, CancellationToken readToken, CancellationToken cancellationToken)
    {
        using var stall = new CancellationTokenSource(_options.PromptMismatchAfter, _options.TimeProvider);
        using var stallOrTimeout = CancellationTokenSource.CreateLinkedTokenSource(readToken, stall.Token);
        try
        {
            return await _transport.ReadAsync(_readBuffer, stallOrTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (
            stall.IsCancellationRequested && !timeoutToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(CliFailure.ProtocolError, PromptNotMatchedMessage(command, line), exception);
        }
    }

    /// <summary>
    /// The unterminated last line (trailing blanks trimmed) when the stall check applies to it: the check is on, the line
    /// is not empty and looks like a prompt (ends with one of <c>&gt; # ] $ % :</c> or <c>)</c>). It has already failed
    /// the prompt pattern (else the wait would be over) and the pager pattern (else it would have been answered and cleared).
    /// </summary>
    private string? PromptMismatchCandidate()
    {
        if (_options.PromptMismatchAfter <= TimeSpan.Zero)
        {
            return null;
        }

        var line = _screen.Current.TrimEnd();
        return line.Length > 0 && line[^1] is '>' or '#' or ']' or '$' or '%' or ':' or ')' ? line : null;
    }

    private string PromptNotMatchedMessage(string command, string line)
    {
        var shown = Printable.Escape(_transcript.Apply(line));
        if (shown.Length > MismatchLineChars)
        {
            shown = "…" + shown[^MismatchLineChars..];
        }

        var expected = Dialect.NamedPrompts.Count > 0
            ? string.Join(", ", Dialect.NamedPrompts.Select(prompt => $"{prompt.Name} '{prompt.Pattern}'"))
            : $"prompt '{Dialect.PromptPattern}'";
        var stalled = _options.PromptMismatchAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return
            $"prompt not matched: after '{_transcript.Apply(command)}' the {Dialect.Name} device's output stopped for " +
            $"{stalled} s (PromptMismatchAfter) at the line '{shown}', which matches none of " +
            $"the patterns waited for: {expected}, pager '{Dialect.PagerPattern}'. Likely cause: the dialect's prompt patterns do not " +
            "fit this device's prompt (odd hostname, view or prefix), or the device asks a question the dialect does not know; the session was closed.";
    }

    private void RememberTail(ReadOnlySpan<char> chars)
    {
        _tail.Append(chars);
        if (_tail.Length > TailChars)
        {
            _tail.Remove(0, _tail.Length - TailChars);
        }
    }

    private string LastBytes() => Printable.Escape(_tail.ToString());

    private async Task AbortAsync(string command, string reason)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        CliLog.CommandAborted(_logger, _transcript.Apply(command), reason);
        try
        {
            await _transport.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CliException or IOException or ObjectDisposedException)
        {
            // Closing a broken transport may fail; the session is gone either way.
        }
    }
}
