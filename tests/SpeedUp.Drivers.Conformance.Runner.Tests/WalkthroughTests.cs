using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SpeedUp.Drivers.Conformance.Runner.Tests;

/// <summary>
/// docs/adding-a-driver.md cannot rot: every block marked <c>sh walkthrough</c> runs, in order, as one bash script from
/// the repository root on a throwaway vendor in a scratch folder (DIALECTS, SEEDS), with the build configuration of
/// this run. The seed command, locate, the conformance command (every rule) and the dry run of the new channel must all
/// succeed and say what the page says they say.
/// </summary>
public sealed partial class WalkthroughTests : IDisposable
{
    private static readonly string Root = DialectVendors.FindRepositoryRoot(AppContext.BaseDirectory)!;
    private readonly string _scratch = Directory.CreateTempSubdirectory("speedup-walkthrough-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task AddingADriver_WalkthroughCommands_RunOnAThrowawayVendor()
    {
        var script = WalkthroughScript(File.ReadAllText(Path.Combine(Root, "docs", "adding-a-driver.md")));
        Assert.True(script.Count >= 5, $"the walkthrough lost its blocks: {script.Count}");
        var vendor = "walk-" + Guid.NewGuid().ToString("N")[..6];
        var dialects = Directory.CreateDirectory(Path.Combine(_scratch, "dialects")).FullName;
        var seeds = Directory.CreateDirectory(Path.Combine(_scratch, "data")).FullName;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0

        var (code, output) = await RunAsync(string.Join("\n", script.Prepend("set -euo pipefail")), new Dictionary<string, string>
        {
            ["DIALECTS"] = dialects, ["SEEDS"] = seeds, ["VENDOR"] = vendor, ["CONFIGURATION"] = configuration,
        });

        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(dialects, vendor + ".dialect.json")), output);
        Assert.True(File.Exists(Path.Combine(dialects, vendor + ".profile.json")), output);
        Assert.Contains("ChinaTelecom", output, StringComparison.Ordinal); // locate
        Assert.Contains("Hunan", output, StringComparison.Ordinal);
        Assert.Matches($@"{vendor}: (\d+)/\1 rules passed, 0 failed, 0 not run\.", output); // the conformance command
        Assert.Contains("PASS CK15 PagedOutput", output, StringComparison.Ordinal);
        Assert.Contains("PASS CK16 VanishedLineNotFound", output, StringComparison.Ordinal);
        Assert.Contains("user-rate username ct43a0001 outbound cir 100000", output, StringComparison.Ordinal); // the dry run
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(Root, "drivers", "dialects")), file => file.Contains(vendor, StringComparison.Ordinal));
    }

    [Fact]
    public void WalkthroughScript_TakesOnlyTheMarkedBlocks_InOrder()
    {
        var script = WalkthroughScript("text\n```sh walkthrough\necho one\n```\n```sh\necho not me\n```\n```sh walkthrough\necho two\necho three\n```\n");

        Assert.Equal(["echo one", "echo two\necho three"], script);
    }

    /// <summary>The blocks fenced as <c>```sh walkthrough</c>, in order.</summary>
    private static List<string> WalkthroughScript(string markdown) =>
        [.. WalkthroughBlock().Matches(markdown.ReplaceLineEndings("\n")).Select(match => match.Groups["body"].Value.TrimEnd('\n'))];

    private static async Task<(int Code, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        output.Append(await stdout).Append(await stderr);
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        return (process.ExitCode, output.ToString());
    }

    [GeneratedRegex(@"^```sh walkthrough\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex WalkthroughBlock();
}
