using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator.Tests;

/// <summary>A raw client of the simulator's CLI socket: send bytes, read until a pattern shows up.</summary>
internal sealed class UnixCliClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[8192];

    private UnixCliClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<UnixCliClient> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return new UnixCliClient(socket);
    }

    public Task SendAsync(string raw) => _stream.WriteAsync(Encoding.ASCII.GetBytes(raw)).AsTask();

    /// <summary>Reads until the text so far ends with <paramref name="suffix"/>; returns it and clears the buffer.</summary>
    public Task<string> ReadUntilAsync(string suffix, TimeSpan? timeout = null) =>
        ReadUntilAsync(new Regex(Regex.Escape(suffix) + "$"), timeout);

    public async Task<string> ReadUntilAsync(Regex pattern, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!pattern.IsMatch(_pending.ToString()))
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(_buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Pattern {pattern} not seen; received so far: {Visible(_pending.ToString())}");
            }

            if (n == 0)
            {
                throw new EndOfStreamException($"Closed before {pattern}; received: {Visible(_pending.ToString())}");
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, n));
        }

        var text = _pending.ToString();
        _pending.Clear();
        return text;
    }

    /// <summary>Sends a command terminated by \r (as SSH.NET WriteLine does) and reads up to the next prompt.</summary>
    public async Task<string> CommandAsync(string command, string prompt)
    {
        await SendAsync(command + "\r");
        return await ReadUntilAsync(prompt);
    }

    /// <summary>True when the peer closes the connection within the timeout (any pending data is discarded).</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _stream.ReadAsync(_buffer, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static string Visible(string text) => text.Replace("\u001b", "<ESC>").Replace("\r", "\\r").Replace("\n", "\\n");

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
