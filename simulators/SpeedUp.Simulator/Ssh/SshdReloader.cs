namespace SpeedUp.Simulator;

/// <summary>
/// Run-time changes of a running sshd (faults): edit its config or host key, then SIGHUP it. sshd re-executes
/// itself with the same arguments and reads both again; it is ready when the log shows it listening again.
/// </summary>
internal static class SshdReloader
{
    private const string DenyPrefix = "DenyUsers ";

    /// <summary>Adds or removes <c>DenyUsers &lt;user&gt;</c> (sshd then refuses that user whatever the password).</summary>
    public static async Task SetDenyUserAsync(string configPath, string user, bool deny, CancellationToken ct)
    {
        var lines = (await File.ReadAllLinesAsync(configPath, ct))
            .Where(line => !line.StartsWith(DenyPrefix, StringComparison.Ordinal))
            .ToList();
        if (deny)
        {
            lines.Insert(lines.Count, DenyPrefix + user);
        }

        await File.WriteAllTextAsync(configPath, string.Join('\n', lines) + "\n", ct);
    }

    /// <summary>Replaces the host key with a fresh one; returns the new fingerprint.</summary>
    public static async Task<string> RegenerateHostKeyAsync(string hostKeyPath, CancellationToken ct)
    {
        File.Delete(hostKeyPath);
        File.Delete(hostKeyPath + ".pub");
        await SshHostKey.EnsureAsync(hostKeyPath, ct);
        return SshHostKey.Sha256Fingerprint(await File.ReadAllTextAsync(hostKeyPath + ".pub", ct));
    }

    /// <summary>Sends SIGHUP and waits until sshd logs that it listens on <paramref name="port"/> again.</summary>
    public static async Task ReloadAsync(int processId, string logPath, int port, CancellationToken ct)
    {
        var offset = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
        var kill = await ProcessRunner.RunAsync("/bin/kill", ["-HUP", processId.ToString()], null, ct);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -HUP {processId} failed: {kill.Output}");
        }

        var marker = "Server listening on 127.0.0.1 port " + port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!LogSince(logPath, offset).Contains(marker, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new InvalidOperationException($"sshd {processId} did not listen again within 10 s after SIGHUP: {LogSince(logPath, offset)}");
            }
        }
    }

    private static string LogSince(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
