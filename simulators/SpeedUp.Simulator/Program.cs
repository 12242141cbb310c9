using System.CommandLine;
using SpeedUp.Simulator;

// dotnet run --project simulators/SpeedUp.Simulator -- --config simulators/simulators.json [--verbose]
const string Usage = "Usage: SpeedUp.Simulator --config <simulators.json> [--verbose]";
var configOption = new Option<string?>("--config")
{
    Description = "The launcher config (default: simulators/simulators.json in the current directory).",
    HelpName = "simulators.json",
};
var verboseOption = new Option<bool>("--verbose", "-v") { Description = "Log debug messages too (default: warnings and errors)." };
var root = new RootCommand("Starts every simulated BRAS network of the config (CLI over sshd, SNMP v2c) until Ctrl+C or SIGTERM.")
{
    configOption,
    verboseOption,
};
root.SetAction((parsed, ct) => SimulatorLauncher.RunAsync(parsed.GetValue(configOption), parsed.GetValue(verboseOption)));

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    var problem = parseResult.UnmatchedTokens.Count > 0
        ? $"Unknown argument '{parseResult.UnmatchedTokens[0]}'."
        : parseResult.Errors[0].Message;
    Console.Error.WriteLine(problem + " " + Usage);

    return 2;
}

// The launcher handles Ctrl+C and SIGTERM itself (it stops every network before it exits).
return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
