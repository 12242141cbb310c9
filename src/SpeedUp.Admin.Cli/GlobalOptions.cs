using System.CommandLine;
using System.CommandLine.Parsing;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli;

/// <summary>The options every command takes.</summary>
internal sealed class GlobalOptions
{
    public GlobalOptions() => Timeout.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() is < 1 or > 3600)
        {
            result.AddError("--timeout must be 1..3600 seconds.");
        }
    });

    public Option<string?> Address { get; } = new("--address")
    {
        Description = $"the service, http://HOST:PORT or https://HOST:PORT (default: the profile's, else {Credentials.ConnectionSettings.DefaultAddress})",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = $"a profile file (JSON: accessKeyId, accessKeySecret, address; mode 0600) instead of ~/{Credentials.CredentialSources.DefaultProfile}",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "seconds one call may take before the tool gives up (default 120; a stop may wait for failovers)",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 120,
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (default) or json (for scripts: protobuf's JSON mapping on standard output, failures as JSON on standard error)",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };
}
