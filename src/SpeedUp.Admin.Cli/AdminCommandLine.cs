using System.CommandLine;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Commands;
using SpeedUp.Admin.Cli.Credentials;

namespace SpeedUp.Admin.Cli;

/// <summary>
/// <c>speedup-admin</c>: the operator's tool over the public admin gRPC APIs, every call signed with the key from
/// <see cref="CredentialSources.KeyIdVariable"/> / <see cref="CredentialSources.SecretVariable"/> or a profile file.
/// </summary>
internal static class AdminCommandLine
{
    /// <summary>Runs the tool on <paramref name="args"/>; returns the exit code (0 done, 1 call failed, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, CliRuntime runtime, CancellationToken cancellationToken)
    {
        if (CommandLineSecretGuard.RefusalForOptionNames(args) is { } refusal)
        {
            await runtime.Error.WriteLineAsync("speedup-admin: " + refusal);
            return 2;
        }

        var root = Build(args, runtime);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await runtime.Error.WriteLineAsync("speedup-admin: " + error.Message);
            }

            await runtime.Error.WriteLineAsync("See speedup-admin --help.");
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = runtime.Out, Error = runtime.Error }, cancellationToken);
    }

    /// <summary>The command tree.</summary>
    public static RootCommand Build(IReadOnlyList<string> args, CliRuntime runtime)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(globals, runtime, args);
        return new RootCommand(
            "The operator's tool for the broadband speed-up service: channels, sessions, access keys, customers and their statistics over the signed admin gRPC APIs. " +
            $"The key comes from {CredentialSources.KeyIdVariable} and {CredentialSources.SecretVariable}, or a profile file (mode 0600) — never from the command line.")
        {
            globals.Address,
            globals.Profile,
            globals.Timeout,
            globals.Output,
            ChannelsCommands.Build(runner),
            SessionsCommands.Build(runner),
            KeysCommands.Build(runner),
            CustomersCommands.Build(runner),
            StatsCommand.Build(runner),
            ExportCommand.Build(runner),
        };
    }
}
