using System.CommandLine;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli;

/// <summary>The options every command takes.</summary>
internal sealed class GlobalOptions
{
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

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (default) or json (for scripts: protobuf's JSON mapping on standard output, failures as JSON on standard error)",
        HelpName = "table|json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };
}
