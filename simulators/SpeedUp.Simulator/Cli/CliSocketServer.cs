using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeedUp.Simulator;

/// <summary>
/// Serves the CLI face on a Unix-domain socket (mode 0666, so sshd's ForceCommand running as the simulator
/// user can connect). Each connection is one CLI session.
/// </summary>
public sealed class CliSocketServer : IAsyncDisposable
{
    private readonly ProfileCliGrammar _grammar;
    private readonly SimulatorFaults _faults;
    private readonly ReceivedLog _received;
    private readonly int _maxSessions;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> _sessions = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _active;

    public CliSocketServer(
        string socketPath, BrasState state, SimulatorFaults faults, int maxSessions = 50, ILogger? logger = null, string cliDialect = CliDialects.Huawei,
        ReceivedLog? received = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        SocketPath = Path.GetFullPath(socketPath);
        _grammar = CliDialects.Create(cliDialect, state, faults);
        _faults = faults;
        _received = received ?? new ReceivedLog(BrasSimulatorOptions.DefaultReceivedLogCapacity);
        _maxSessions = maxSessions;
        _logger = logger ?? NullLogger.Instance;
    }

    public string SocketPath { get; }

    /// <summary>Every line the sessions received.</summary>
    public ReceivedLog Received => _received;

    /// <summary>Sessions currently connected.</summary>
    public int ActiveSessions => Volatile.Read(ref _active);

    /// <summary>Waits until the sessions connected now have ended (or the timeout passes); later sessions are not waited for.</summary>
    public async Task WaitForSessionsClosedAsync(TimeSpan timeout, CancellationToken ct)
    {
        var pending = Task.WhenAll(_sessions.Values);
        await Task.WhenAny(pending, Task.Delay(timeout, ct));
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Binds the socket (replacing a stale file) and starts accepting sessions.</summary>
    public void Start()
    {
        if (System.Text.Encoding.UTF8.GetByteCount(SocketPath) > 107)
        {
            throw new InvalidOperationException($"CLI socket path '{SocketPath}' is longer than the 107 bytes a Unix socket path allows.");
        }

        var directory = Path.GetDirectoryName(SocketPath)!;
        Directory.CreateDirectory(directory);
        if (File.Exists(SocketPath))
        {
            if (IsLive(SocketPath))
            {
                throw new InvalidOperationException($"CLI socket '{SocketPath}' is in use by another running simulator.");
            }

            File.Delete(SocketPath);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
            listener.Listen(128);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(SocketPath, (UnixFileMode)0b110_110_110);
            }
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        _logger.LogInformation("CLI face listening on {SocketPath}", SocketPath);
    }

    private static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _sessions[client] = RunSessionAsync(client, ct);
        }
    }

    private async Task RunSessionAsync(Socket client, CancellationToken ct)
    {
        await Task.Yield();
        var number = Interlocked.Increment(ref _active);
        try
        {
            // A reboot or the SSH face going dark cancels SessionsToken: every session then ends.
            using var session = CancellationTokenSource.CreateLinkedTokenSource(ct, _faults.SessionsToken);
            await using var stream = new NetworkStream(client, ownsSocket: true);
            await CliSession.RunAsync(stream, _grammar, _faults, _received, number, _maxSessions, session.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("CLI session ended: {Reason}", ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "CLI session failed");
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            client.Dispose();
            _sessions.TryRemove(client, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Dispose();
        await _acceptLoop;
        foreach (var (socket, _) in _sessions)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_sessions.Values);
        _stopping.Dispose();
        if (_listener is null)
        {
            return;
        }

        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
