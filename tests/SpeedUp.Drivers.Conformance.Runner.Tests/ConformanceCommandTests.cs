using System.Globalization;
using System.Text.RegularExpressions;

namespace SpeedUp.Drivers.Conformance.Runner.Tests;

/// <summary>
/// The command on throwaway vendors: a copy of the shipped H3C vendor (dialect + profile, the China Telecom seed) in a
/// temporary folder, with one dialect key broken as an engineer might break it. Each run starts the simulator face the
/// profile describes behind real sshd (root, sshd, socat: scripts/setup.sh).
/// </summary>
public sealed partial class ConformanceCommandTests : IDisposable
{
    private static readonly string Root = DialectVendors.FindRepositoryRoot(AppContext.BaseDirectory)!;
    private readonly string _folder = Directory.CreateTempSubdirectory("speedup-throwaway-vendor-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task FaithfulCopy_PassesTheRulesItRuns()
    {
        var dialect = ThrowawayVendor(json => json);

        var (code, output) = await RunAsync(dialect, "--rule", "CK02", "CK05", "CK08", "CK15", "CK16");

        Assert.Equal(0, code);
        Assert.Contains("PASS CK15 PagedOutput", output, StringComparison.Ordinal);
        Assert.Contains("PASS CK16 VanishedLineNotFound", output, StringComparison.Ordinal);
        Assert.Contains("acme-os: 5/5 rules passed, 0 failed, 0 not run.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltLabel_FailsTheRead_NamingOutputFields()
    {
        var dialect = ThrowawayVendor(json => json.Replace("\"Inbound CIR(kbps)\"", "\"Inbound CIR (kbps)\"", StringComparison.Ordinal));

        var (code, output) = await RunAsync(dialect, "--rule", "CK04");

        Assert.Equal(1, code);
        Assert.Contains("FAIL CK04 ReadMatchesEquipment", output, StringComparison.Ordinal);
        Assert.Contains("likely cause: output.fields", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwappedDirectionWords_FailSetReadBack_AndTheLineIsPutBack()
    {
        var dialect = ThrowawayVendor(json => json
            .Replace("\"up\": \"inbound\", \"down\": \"outbound\"", "\"up\": \"outbound\", \"down\": \"inbound\"", StringComparison.Ordinal));

        var (code, output) = await RunAsync(dialect, "--rule", "CK05", "CK04");

        Assert.Equal(1, code);
        Assert.Contains("FAIL CK05 SetReadBack", output, StringComparison.Ordinal);
        Assert.Contains("directionWords", output, StringComparison.Ordinal);
        Assert.Contains("the kit put zj0571a0001", output, StringComparison.Ordinal);
        Assert.Contains("PASS CK04 ReadMatchesEquipment", output, StringComparison.Ordinal); // the line is back at the rates the equipment shows
    }

    [Fact]
    public async Task WrongPager_FailsPagedOutput_NamingThePager()
    {
        var dialect = ThrowawayVendor(json => json.Replace("More", "Mehr", StringComparison.Ordinal));

        var (code, output) = await RunAsync(dialect, "--rule", "CK02", "CK15");

        Assert.Equal(1, code);
        Assert.Contains("PASS CK02 FindLine", output, StringComparison.Ordinal); // paging off on open: nothing shows the pager …
        Assert.Contains("FAIL CK15 PagedOutput", output, StringComparison.Ordinal); // … until the kit forces it on
        Assert.Contains("pager", output[output.IndexOf("FAIL CK15", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongLineNotFoundIndicator_SlipsThroughTheUnknownLineRule_AndIsCaughtByTheVanishedLine()
    {
        // The driver reads before it writes, so an unknown line is found missing by the read's empty answer and the
        // set command's own "no such user" answer is never reached: only CK16 exercises the indicator.
        var dialect = ThrowawayVendor(json => json.Replace("\"user doesn't exist\"", "\"no such user\"", StringComparison.Ordinal));

        var (code, output) = await RunAsync(dialect, "--rule", "CK08", "CK16");

        Assert.Equal(1, code);
        Assert.Contains("PASS CK08 UnknownLineNotFound", output, StringComparison.Ordinal);
        Assert.Contains("FAIL CK16 VanishedLineNotFound", output, StringComparison.Ordinal);
        Assert.Contains("likely cause: lineNotFoundIndicators", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPrompt_FailsFast_AsPromptNotMatched()
    {
        var dialect = ThrowawayVendor(json => json.Replace("\"exec\": \"^<(?<host>", "\"exec\": \"^<<(?<host>", StringComparison.Ordinal));

        var (code, output) = await RunAsync(dialect, "--rule", "CK02");

        Assert.Equal(1, code);
        Assert.Contains("prompt not matched", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Timeout", output, StringComparison.Ordinal);
        var seconds = double.Parse(RuleTime().Match(output).Groups["s"].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds < 15, $"a wrong prompt must fail in seconds, not at the operation timeout: {output}");
    }

    [Fact]
    public async Task LabMode_RunsOnTheDeviceTheLabFileNames_AndReportsWhatALabDeviceCannotDo()
    {
        // The "lab device" is the H3C vendor's simulator, reached only through the lab file (address, user, pinned key,
        // password by environment variable): the command cannot slow it down, audit it, page it or make a line vanish.
        await using var device = new DialectVendorTarget(DialectVendors.InRepository(Root).Single(vendor => vendor.Name == "h3c-comware"));
        await device.StartAsync(TestContext.Current.CancellationToken);
        var variable = "SPEEDUP_LAB_TEST_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, device.Simulator.SshPassword);
        var lab = Path.Combine(_folder, "lab.json");
        File.WriteAllText(lab, $$"""
            {
              "driver": "h3c-cli-ssh",
              "channel": { "name": "lab-h3c", "carrier": "ChinaTelecom", "host": "127.0.0.1", "port": {{device.Simulator.SshPort}},
                           "username": "{{device.Simulator.SshUser}}", "secretEnvironmentVariable": "{{variable}}",
                           "hostKeySha256": "{{device.Simulator.SshHostKeySha256}}", "operationTimeout": "00:00:10" },
              "line": { "bandId": 330100001, "account": "zj0571a0001", "ipAddress": "202.101.172.35", "port": 443 },
              "allowWrites": true
            }
            """);
        try
        {
            var (code, output) = await RunAsync("h3c-comware", "--lab", lab);

            Assert.Equal(0, code);
            Assert.Contains("PASS CK05 SetReadBack", output, StringComparison.Ordinal);
            Assert.Contains("SKIP CK09 TimeoutHonoured", output, StringComparison.Ordinal);
            Assert.Contains("SKIP CK15 PagedOutput", output, StringComparison.Ordinal);
            Assert.Contains("SKIP CK16 VanishedLineNotFound", output, StringComparison.Ordinal);
            Assert.DoesNotContain(device.Simulator.SshPassword, output, StringComparison.Ordinal);
            Assert.Equal(new LineRates(4000, 50000), (await device.ReadEquipmentAsync(device.KnownLine.Reference, TestContext.Current.CancellationToken)).Rates);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task List_ShowsTheShippedVendors_AndAnUnknownOneIsAUsageError()
    {
        var (listed, list) = await RunAsync("--list");
        var (unknown, _) = await RunAsync("nobody-os");

        Assert.Equal(0, listed);
        Assert.Contains("h3c-comware: dialect drivers/dialects/h3c-comware.dialect.json, profile drivers/dialects/h3c-comware.profile.json", list, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
    }

    /// <summary>Copies the H3C vendor's files as vendor <c>acme-os</c> (driver <c>acme-cli-ssh</c>), its dialect changed by <paramref name="edit"/>.</summary>
    private string ThrowawayVendor(Func<string, string> edit)
    {
        var dialects = Path.Combine(Root, "drivers", "dialects");
        var json = File.ReadAllText(Path.Combine(dialects, "h3c-comware.dialect.json"))
            .Replace("\"driver\": \"h3c-cli-ssh\"", "\"driver\": \"acme-cli-ssh\"", StringComparison.Ordinal);
        var dialect = Path.Combine(_folder, "acme-os.dialect.json");
        File.WriteAllText(dialect, edit(json));
        File.Copy(Path.Combine(dialects, "h3c-comware.profile.json"), Path.Combine(_folder, "acme-os.profile.json"));
        return dialect;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Root);
        try
        {
            var code = await ConformanceCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
            TestContext.Current.TestOutputHelper?.WriteLine(output + error.ToString());
            return (code, output + error.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [GeneratedRegex(@"CK02 FindLine \((?<s>[0-9.]+) s\)")]
    private static partial Regex RuleTime();
}
