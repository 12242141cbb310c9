extern alias cli;

using System.Text.Json;
using Grpc.Net.Client;
using SpeedUp.Host.Tests.Support;
using CliRuntime = cli::SpeedUp.Admin.Cli.CliRuntime;
using AdminCommandLine = cli::SpeedUp.Admin.Cli.AdminCommandLine;

namespace SpeedUp.Admin.Cli.Tests.Support;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output as JSON (a run with <c>--output json</c>).</summary>
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>Standard error as JSON (a failed run with <c>--output json</c>).</summary>
    public JsonElement ErrorJson => JsonDocument.Parse(Error).RootElement.GetProperty("error");

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}

/// <summary>
/// Runs <c>speedup-admin</c>'s command handlers in this process: the environment and home folder are the test's own (no
/// process variable is read), calls go to <paramref name="openChannel"/> (the in-process service's TestServer) and are
/// signed on <paramref name="time"/> (its fake clock).
/// </summary>
internal sealed class CliRunner(Func<Uri, GrpcChannel> openChannel, TimeProvider time) : IDisposable
{
    /// <summary>The variables the tool sees.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>A home folder of the test's own (for the default profile).</summary>
    public string Home { get; } = Directory.CreateTempSubdirectory("speedup-admin-home-").FullName;

    /// <summary>The channels the tool asked for, by address.</summary>
    public List<Uri> Addresses { get; } = [];

    /// <summary>A runner whose calls never reach a service (for refusals made before any call).</summary>
    public static CliRunner Offline() => new(address => throw new InvalidOperationException($"No call was expected (to {address})."), TimeProvider.System);

    /// <summary>A runner against <paramref name="service"/>, signing with its operator key from the environment.</summary>
    public static CliRunner For(InProcessService service)
    {
        var runner = new CliRunner(_ => service.ChannelFrom("127.0.0.1"), service.Time);
        runner.UseKey(service.OperatorKey.AccessKeyId, service.OperatorKey.AccessKeySecret);
        return runner;
    }

    /// <summary>Signs with this key (through the environment).</summary>
    public void UseKey(string accessKeyId, string? secret)
    {
        Environment["SPEEDUP_ADMIN_KEY_ID"] = accessKeyId;
        Environment["SPEEDUP_ADMIN_KEY_SECRET"] = secret;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var runtime = new CliRuntime(name => Environment.GetValueOrDefault(name), Home, output, error, time, address =>
        {
            Addresses.Add(address);
            return openChannel(address);
        });
        var code = await AdminCommandLine.RunAsync(args, runtime, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
