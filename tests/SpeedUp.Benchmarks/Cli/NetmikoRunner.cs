using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks.Cli;

/// <summary>
/// Runs tests/SpeedUp.Benchmarks/Cli/netmiko_ops.py with /usr/bin/python3 (Debian python3-netmiko): Netmiko's
/// connect-per-operation pattern against the same simulator. The password goes through the environment.
/// </summary>
internal static class NetmikoRunner
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(RepositoryPaths.Root, "tests", "SpeedUp.Benchmarks", "Cli", "netmiko_ops.py");

    /// <summary>Null when Netmiko cannot be imported (the reason is printed).</summary>
    public static async Task<CliModeResult?> RunAsync(BrasSimulator telecom, SubscriberLineState line, long target, int count, bool fastCli, CancellationToken cancellationToken)
    {
        if (!File.Exists(Python) || await RunProcessAsync(["-c", "import netmiko"], null, cancellationToken) is not (0, _, _))
        {
            Report.Line("  Netmiko: /usr/bin/python3 cannot import netmiko; run scripts/setup.sh (python3-netmiko). Skipped.");
            return null;
        }

        string[] arguments =
        [
            Script, "--port", telecom.SshPort.ToString(CultureInfo.InvariantCulture), "--user", telecom.SshUser,
            "--account", line.Account, "--base", line.BaseDownKbps.ToString(CultureInfo.InvariantCulture),
            "--target", target.ToString(CultureInfo.InvariantCulture), "--count", count.ToString(CultureInfo.InvariantCulture),
            .. fastCli ? new[] { "--fast-cli" } : [],
        ];
        var watch = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await RunProcessAsync(arguments, telecom.SshPassword, cancellationToken);
        watch.Stop();
        if (exit is null)
        {
            Report.Line("  Netmiko script did not finish within 3 min; killed. Skipped.");
            return null;
        }

        if (exit != 0)
        {
            Report.Line($"  Netmiko script failed (exit {exit}): {Tail(stderr.Replace(telecom.SshPassword, "******", StringComparison.Ordinal))}");
            return null;
        }

        using var json = JsonDocument.Parse(stdout);
        var samples = json.RootElement.GetProperty("ms").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        foreach (var error in errors.Take(5))
        {
            Report.Line("    netmiko error: " + error);
        }

        // Wall time of the operations only (interpreter start and imports excluded): the sum of the samples.
        var elapsed = TimeSpan.FromMilliseconds(samples.Sum());
        Report.KeyValue($"netmiko{(fastCli ? " fast_cli" : "")} process wall time", $"{watch.Elapsed.TotalSeconds:0.00} s (python start + imports included)");
        return new CliModeResult(fastCli ? "netmiko fast_cli, connect/op" : "netmiko default, connect/op", samples.Count, elapsed, LatencyStats.From("netmiko", samples), errors.Count);
    }

    private static async Task<(int? Exit, string Stdout, string Stderr)> RunProcessAsync(IEnumerable<string> arguments, string? password, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (password is not null)
        {
            start.Environment["NETMIKO_BENCH_PASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (null, "", "");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : text[^600..].Trim();
}
