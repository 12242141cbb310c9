using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using SpeedUp.Admin.Cli.Credentials;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Calls;

/// <summary>
/// Runs a command that makes one signed call: resolves the address and key, refuses a secret among the arguments,
/// makes the call, prints the result (table or JSON) or the failure. Exit codes: 0 done, 1 the service refused or failed
/// the call, 2 the tool was called or configured wrongly.
/// </summary>
internal sealed class CommandRunner(GlobalOptions globals, CliRuntime runtime, IReadOnlyList<string> args)
{
    /// <summary>Gives <paramref name="command"/> the action of calling <paramref name="action"/> (<c>Service/Method</c>); JSON is the response's.</summary>
    public Command Unary<TResponse>(
        Command command, string action, Func<ParseResult, CallInvoker, CancellationToken, Task<TResponse>> call, Action<TResponse, TextWriter> table)
        where TResponse : IMessage =>
        Run(command, action, call, table, response => ResultWriter.Json.Format(response));

    /// <summary>As <see cref="Unary"/>, for a result that is not a message: <paramref name="json"/> renders it for <c>--output json</c>.</summary>
    public Command Run<TResult>(
        Command command, string action, Func<ParseResult, CallInvoker, CancellationToken, Task<TResult>> call, Action<TResult, TextWriter> table,
        Func<TResult, string> json)
    {
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, action, call, table, json, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync<TResult>(
        ParseResult parsed, string action, Func<ParseResult, CallInvoker, CancellationToken, Task<TResult>> call, Action<TResult, TextWriter> table,
        Func<TResult, string> json, CancellationToken cancellationToken)
    {
        var format = parsed.GetValue(globals.Output);
        ConnectionSettings settings;
        try
        {
            settings = ConnectionSettings.Resolve(parsed.GetValue(globals.Address), parsed.GetValue(globals.Profile), runtime);
            if (CommandLineSecretGuard.RefusalForSecretValue(args, settings.Key.AccessKeySecret) is { } refusal)
            {
                throw new CliUsageException(refusal);
            }
        }
        catch (CliUsageException e)
        {
            return Usage(e);
        }

        var timeout = TimeSpan.FromSeconds(parsed.GetValue(globals.Timeout));
        using var session = new AdminSession(settings, runtime);
        using var deadline = new CancellationTokenSource(timeout, runtime.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await call(parsed, session.Invoker, linked.Token);
            new ResultWriter(format, runtime.Out).Write(result, table, json);
            return 0;
        }
        catch (CliUsageException e)
        {
            return Usage(e);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            CallFailure.TimedOut(action, session.AccessKeyId, timeout).WriteTo(runtime.Error, format);
            return 1;
        }
        catch (RpcException e)
        {
            CallFailure.Of(e, action, session.AccessKeyId).WriteTo(runtime.Error, format);
            return 1;
        }
    }

    private int Usage(CliUsageException e)
    {
        runtime.Error.WriteLine("speedup-admin: " + e.Message);
        return 2;
    }
}
