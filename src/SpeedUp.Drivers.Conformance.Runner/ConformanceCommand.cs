using System.CommandLine;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// <c>speedup-conformance</c>: runs the kit against a vendor added as files — on its simulator profile behind real
/// sshd (default) or, with <c>--lab</c>, against a real device — and prints each rule with pass/fail, the transcript of
/// a failed rule and its likely cause. Exit codes: 0 every rule passed, 1 a rule failed, 2 usage or setup error.
/// </summary>
public static class ConformanceCommand
{
    /// <summary>Runs the command on <paramref name="args"/>, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var vendorArgument = new Argument<string?>("vendor") { Description = "a vendor of drivers/dialects by name (e.g. h3c-comware), or a path to its .dialect.json", Arity = ArgumentArity.ZeroOrOne };
        var profileOption = new Option<string?>("--profile") { Description = "the simulator profile (default: <vendor>.profile.json beside the dialect)", HelpName = "PATH" };
        var seedOption = new Option<string?>("--seed") { Description = "the seed of lines (default: simulators/data/<vendor>.json, else the China Telecom seed)", HelpName = "PATH" };
        var labOption = new Option<string?>("--lab") { Description = "a lab file: run against that real device instead of the simulator (docs/conformance.md, lab mode)", HelpName = "PATH" };
        var ruleOption = new Option<string[]>("--rule") { Description = "run only these rules (CK02 CK05 …)", AllowMultipleArgumentsPerToken = true };
        var listOption = new Option<bool>("--list") { Description = "list the vendors found and exit" };
        var root = new RootCommand("Runs the driver conformance kit against a dialect file: on the simulator its profile describes, or on a lab device.")
        {
            vendorArgument, profileOption, seedOption, labOption, ruleOption, listOption,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync("speedup-conformance: " + problem.Message).ConfigureAwait(false);
            }

            return 2;
        }

        if (parsed.Action is not null && parsed.CommandResult.Command == root && args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        }

        var repository = DialectVendors.FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? DialectVendors.FindRepositoryRoot(AppContext.BaseDirectory);
        if (parsed.GetValue(listOption))
        {
            if (repository is null)
            {
                await error.WriteLineAsync("speedup-conformance: run it inside the repository (no Adapters.sln above the current folder).").ConfigureAwait(false);
                return 2;
            }

            foreach (var found in DialectVendors.InRepository(repository))
            {
                await output.WriteLineAsync($"{found.Name}: dialect {Relative(repository, found.DialectPath)}, profile {(found.ProfilePath is null ? "(none)" : Relative(repository, found.ProfilePath))}, seed {Relative(repository, found.SeedPath)}").ConfigureAwait(false);
            }

            return 0;
        }

        DialectVendor vendor;
        try
        {
            vendor = Resolve(parsed.GetValue(vendorArgument), repository, parsed.GetValue(profileOption), parsed.GetValue(seedOption));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync("speedup-conformance: " + exception.Message).ConfigureAwait(false);
            return 2;
        }

        var rules = parsed.GetValue(ruleOption) is { Length: > 0 } chosen ? chosen.Select(id => id.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal) : null;
        using var transcript = new TranscriptCapture();
        IConformanceTarget target;
        try
        {
            target = await StartTargetAsync(vendor, parsed.GetValue(labOption), transcript, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or IOException or DialectException)
        {
            await error.WriteLineAsync("speedup-conformance: " + exception.Message).ConfigureAwait(false);
            return 2;
        }

        try
        {
            await output.WriteLineAsync($"{vendor.Name}: {target.Name}").ConfigureAwait(false);
            await output.WriteLineAsync($"  dialect {vendor.DialectPath}{(parsed.GetValue(labOption) is null ? $"{Environment.NewLine}  profile {vendor.ProfilePath}{Environment.NewLine}  seed    {vendor.SeedPath}" : "")}").ConfigureAwait(false);
            var reports = await ConformanceRun.RunAsync(target, transcript, rules, report => output.WriteLine(ConformanceRun.Format(report)), cancellationToken).ConfigureAwait(false);
            var failed = reports.Count(report => report.Result.Outcome == ConformanceOutcome.Failed);
            var skipped = reports.Count(report => report.Result.Outcome == ConformanceOutcome.NotRun);
            await output.WriteLineAsync($"{vendor.Name}: {reports.Count - failed - skipped}/{reports.Count} rules passed, {failed} failed, {skipped} not run.").ConfigureAwait(false);
            return failed == 0 ? 0 : 1;
        }
        finally
        {
            switch (target)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static DialectVendor Resolve(string? vendor, string? repository, string? profile, string? seed)
    {
        if (string.IsNullOrWhiteSpace(vendor))
        {
            throw new ArgumentException("name a vendor (see --list) or a .dialect.json file.");
        }

        DialectVendor found;
        if (vendor.EndsWith(".json", StringComparison.Ordinal))
        {
            if (!File.Exists(vendor))
            {
                throw new ArgumentException($"dialect file '{vendor}' does not exist.");
            }

            found = DialectVendors.For(vendor, repository is null ? Path.GetDirectoryName(Path.GetFullPath(vendor))! : Path.Combine(repository, "simulators", "data"));
        }
        else
        {
            if (repository is null)
            {
                throw new ArgumentException("run it inside the repository, or give the dialect file's path.");
            }

            var vendors = DialectVendors.InRepository(repository);
            found = vendors.FirstOrDefault(v => string.Equals(v.Name, vendor, StringComparison.Ordinal))
                ?? throw new ArgumentException($"no vendor '{vendor}' in drivers/dialects (found: {string.Join(", ", vendors.Select(v => v.Name))}).");
        }

        if (profile is not null && !File.Exists(profile))
        {
            throw new ArgumentException($"profile '{profile}' does not exist.");
        }

        if (seed is not null && !File.Exists(seed))
        {
            throw new ArgumentException($"seed '{seed}' does not exist.");
        }

        return found with
        {
            ProfilePath = profile is null ? found.ProfilePath : Path.GetFullPath(profile),
            SeedPath = seed is null ? found.SeedPath : Path.GetFullPath(seed),
        };
    }

    private static async Task<IConformanceTarget> StartTargetAsync(DialectVendor vendor, string? lab, TranscriptCapture transcript, CancellationToken cancellationToken)
    {
        if (lab is not null)
        {
            var factory = new DialectCliDriverFactory(DialectLoader.LoadFile(vendor.DialectPath), transcript);
            return new LabConformanceTarget(LabConfiguration.Load(lab), [factory],
                new Dictionary<string, DriverDeclaration> { [factory.DriverName] = new(factory.DriverName, [Direction.Up, Direction.Down]) });
        }

        var target = new DialectVendorTarget(vendor, transcript);
        try
        {
            await target.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return target;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);
}
