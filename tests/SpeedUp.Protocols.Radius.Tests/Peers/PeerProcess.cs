using System.Diagnostics;
using System.Threading.Channels;

namespace SpeedUp.Protocols.Radius.Tests.Peers;

/// <summary>Runs an independent peer (radclient, a pyrad script) as a child process, bounded in time; killed on dispose.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private PeerProcess(Process process)
    {
        _process = process;
        _stdout = PumpAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static PeerProcess Start(string file, IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return new PeerProcess(process);
    }

    /// <summary>Runs to completion (at most <paramref name="budget"/>): exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> arguments, string? stdin, TimeSpan budget)
    {
        await using var peer = Start(file, arguments, stdin);
        var output = new List<string>();
        while (await peer.NextLineAsync(budget) is { } line)
        {
            output.Add(line);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(budget);
        await peer._process.WaitForExitAsync(timeout.Token);
        return (peer._process.ExitCode, string.Join('\n', output), await peer._stderr);
    }

    /// <summary>The next stdout line, or null at end of output; fails after <paramref name="budget"/>.</summary>
    public async Task<string?> NextLineAsync(TimeSpan budget)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            return await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The peer printed nothing for " + budget + "; stderr so far: " + (_stderr.IsCompleted ? _stderr.Result : "(running)"));
        }
    }

    /// <summary>What the peer wrote on stderr (after it exited or was killed).</summary>
    public async Task<string> ErrorsAsync()
    {
        Kill();
        return await _stderr;
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        await _stdout;
        await _stderr;
        _process.Dispose();
    }
}
