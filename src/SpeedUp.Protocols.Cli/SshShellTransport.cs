using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Renci.SshNet;
using Renci.SshNet.Common;
using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// An interactive SSH shell (SSH.NET) with password authentication and a pinned host key. Connection
/// failures surface as <see cref="CliException"/> naming the likely cause; the password never appears.
/// </summary>
public sealed class SshShellTransport : ICliTransport
{
    private const int ShellBufferSize = 4096;
    private readonly SshTransportOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _dataSignal = new(0);
    private readonly InboundBacklog _backlog;
    private AuthenticationMethod[] _authentication = [];
    private SshClient? _client;
    private ShellStream? _shell;
    private volatile bool _remoteClosed;
    private string? _hostKeyRefusal;

    /// <summary>Creates a transport; nothing is connected until <see cref="OpenAsync"/>.</summary>
    /// <param name="options">Where and how to log in.</param>
    /// <param name="logger">Where to log; nothing when null. The password is never logged.</param>
    public SshShellTransport(SshTransportOptions options, ILogger<SshShellTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingBytes, 4096, nameof(options));
        _options = options;
        _backlog = new InboundBacklog(options.MaxPendingBytes);
        _logger = logger ?? NullLogger<SshShellTransport>.Instance;
    }

    /// <inheritdoc/>
    public bool IsConnected => _shell is not null && !_remoteClosed && _client?.IsConnected == true;

    /// <inheritdoc/>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            throw new InvalidOperationException("The SSH transport was already opened; create a new one to reconnect.");
        }

        if (_options.TargetPolicy?.Invoke(_options.Host, _options.Port) is { } refusal)
        {
            throw new CliException(CliFailure.Unreachable, refusal);
        }

        var started = Stopwatch.GetTimestamp();
        _authentication = CreateAuthenticationMethods();
        var connectionInfo = new ConnectionInfo(_options.Host, _options.Port, _options.Username, _authentication)
        {
            Timeout = _options.ConnectTimeout,
        };
        var client = new SshClient(connectionInfo);
        _client = client;
        client.HostKeyReceived += OnHostKeyReceived;
        client.ErrorOccurred += (_, _) => SignalClosed();
        if (_options.KeepAliveInterval > TimeSpan.Zero)
        {
            client.KeepAliveInterval = _options.KeepAliveInterval;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            var shell = _options.UsePseudoTerminal
                ? client.CreateShellStream("vt100", _options.TerminalColumns, _options.TerminalRows, 0, 0, ShellBufferSize)
                : client.CreateShellStreamNoTerminal(ShellBufferSize);
            shell.DataReceived += (_, e) => OnDataReceived(e.Data.Length);
            shell.Closed += (_, _) => SignalClosed();
            _shell = shell;
        }
        catch (Exception exception) when (exception is not CliException)
        {
            var translated = SshFailures.Translate(exception, _options, _hostKeyRefusal, cancellationToken);
            await CloseAsync(CancellationToken.None).ConfigureAwait(false);
            if (translated is null)
            {
                throw;
            }

            throw translated;
        }

        CliLog.SshConnected(_logger, _options.Host, _options.Port, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc/>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var shell = _shell;
        if (shell is null || !IsConnected)
        {
            throw new CliException(CliFailure.ConnectionLost, $"The SSH session to {_options.Host}:{_options.Port} is not open.");
        }

        try
        {
            shell.Write(data.Span);
            shell.Flush();
        }
        catch (Exception exception) when (exception is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            SignalClosed();
            throw new CliException(CliFailure.ConnectionLost, $"The SSH session to {_options.Host}:{_options.Port} was lost while sending: {exception.Message}", exception);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var shell = _shell;
        while (true)
        {
            if (_backlog.Overflowed)
            {
                throw new CliException(CliFailure.ProtocolError,
                    $"The device sent more than {_options.MaxPendingBytes} bytes (MaxPendingBytes) that no command read; the session was closed.");
            }

            if (shell is null)
            {
                throw new CliException(CliFailure.ConnectionLost, $"The SSH session to {_options.Host}:{_options.Port} is not open.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (shell.DataAvailable)
                {
                    var read = shell.Read(buffer.Span);
                    _backlog.Read(read);
                    return read;
                }
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }

            if (_remoteClosed || _client?.IsConnected != true)
            {
                return 0;
            }

            await _dataSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        SignalClosed();
        var shell = Interlocked.Exchange(ref _shell, null);
        shell?.Dispose();
        var client = _client;
        if (client is not null)
        {
            client.HostKeyReceived -= OnHostKeyReceived;
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception exception) when (exception is SshException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The connection is already gone.
            }

            client.Dispose();
        }

        foreach (var method in Interlocked.Exchange(ref _authentication, []))
        {
            (method as IDisposable)?.Dispose();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync(CancellationToken.None).ConfigureAwait(false);
        _dataSignal.Dispose();
    }

    /// <summary>On SSH.NET's receive thread: counts the bytes, wakes the reader, and closes a session that floods.</summary>
    private void OnDataReceived(int bytes)
    {
        if (_backlog.Received(bytes))
        {
            CliLog.InboundOverflow(_logger, _options.Host, _options.Port, _options.MaxPendingBytes);
            SignalClosed();
            _ = Task.Run(() => CloseAsync(CancellationToken.None));
            return;
        }

        try
        {
            _dataSignal.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: nobody waits.
        }
    }

    private void SignalClosed()
    {
        _remoteClosed = true;
        try
        {
            _dataSignal.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: nobody waits.
        }
    }

    private void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        var received = HostKeyFingerprint.Format(e.FingerPrintSHA256);
        if (string.IsNullOrWhiteSpace(_options.HostKeySha256))
        {
            _hostKeyRefusal =
                $"No host key is pinned for {_options.Host}:{_options.Port}; refusing the device's {e.HostKeyName} key {received}. " +
                "Pin it (HostKeySha256) after checking it out of band, e.g. with ssh-keygen -lf on the device's public key.";
        }
        else if (!HostKeyFingerprint.Matches(_options.HostKeySha256, e.FingerPrintSHA256))
        {
            _hostKeyRefusal =
                $"The SSH host key of {_options.Host}:{_options.Port} does not match the pinned fingerprint: expected " +
                $"{HostKeyFingerprint.Format(_options.HostKeySha256)}, received {e.HostKeyName} {received}. " +
                "The device was replaced or re-keyed, or something intercepts the connection.";
        }
        else
        {
            e.CanTrust = true;
            return;
        }

        e.CanTrust = false;
        CliLog.HostKeyRefused(_logger, _options.Host, _options.Port, _hostKeyRefusal);
    }

    /// <summary>Public key first (when configured), then password (when configured).</summary>
    private AuthenticationMethod[] CreateAuthenticationMethods()
    {
        var methods = new List<AuthenticationMethod>();
        if (!string.IsNullOrEmpty(_options.PrivateKeyPath))
        {
            PrivateKeyFile key;
            try
            {
                key = string.IsNullOrEmpty(_options.PrivateKeyPassphrase)
                    ? new PrivateKeyFile(_options.PrivateKeyPath)
                    : new PrivateKeyFile(_options.PrivateKeyPath, _options.PrivateKeyPassphrase);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SshException or ArgumentException)
            {
                throw new CliException(CliFailure.AuthenticationFailed,
                    $"The private key {_options.PrivateKeyPath} could not be loaded ({e.GetType().Name}); check the path, its format (OpenSSH) and its passphrase.");
            }

            methods.Add(new PrivateKeyAuthenticationMethod(_options.Username, key));
        }

        if (!string.IsNullOrEmpty(_options.Password))
        {
            methods.Add(new PasswordAuthenticationMethod(_options.Username, _options.Password));
        }

        return methods.Count > 0
            ? [.. methods]
            : throw new CliException(CliFailure.AuthenticationFailed, "No credentials: set a password or a private key for " + _options.Username + ".");
    }
}
