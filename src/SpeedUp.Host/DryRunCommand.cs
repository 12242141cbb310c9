using System.Globalization;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;
using SpeedUp.Host.Grpc;
using SpeedUp.Scheduler;

namespace SpeedUp.Host;

/// <summary>
/// <c>SpeedUp.Host dry-run --channel NAME --operation find-line|read-line|set-rate|probe [--ip-address A] [--port P]
/// [--band-id N] [--account X] [--direction UP|DOWN] [--rate-kbps K] [--SpeedUp:key=value …]</c>: prints what the
/// operation would send through the channel, one step per line, without connecting to anything. Exit code 0, or 2
/// with the product error on standard error. Channel secrets are not needed (nothing connects).
/// </summary>
internal static class DryRunCommand
{
    public const string Verb = "dry-run";

    private static readonly string[] Options = ["--channel", "--operation", "--ip-address", "--port", "--band-id", "--account", "--direction", "--rate-kbps"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (Options.Contains(args[i]) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                configuration.Add(args[i]);
            }
        }

        try
        {
            if (!values.TryGetValue("--channel", out var channel) || !values.TryGetValue("--operation", out var operation))
            {
                throw SpeedUpException.InvalidParameter("dry-run needs --channel NAME and --operation find-line|read-line|set-rate|probe.");
            }

            var app = SpeedUpApplication.Build([.. configuration]);
            var channels = app.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value.Channels;
            var options = channels.FirstOrDefault(c => c.Name == channel) ?? throw DryRunRequests.UnknownChannel(channel, channels.Select(c => c.Name));
            var factory = app.Services.GetServices<ISubscriberLineDriverFactory>().FirstOrDefault(f => f.DriverName == options.Driver)
                ?? throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition, $"Channel '{channel}' names driver '{options.Driver}', which is not registered.");
            var driver = factory.Create(WithPlaceholderSecrets(options));
            var plan = DryRunRequests.Render(
                op => (driver as IDriverDryRun)?.Render(op), options.Name, options.Driver, DryRunRequests.Parse(operation),
                values.GetValueOrDefault("--ip-address"), Number("--port", values), Number("--band-id", values),
                values.GetValueOrDefault("--account"), values.GetValueOrDefault("--direction"), Number("--rate-kbps", values));
            output.WriteLine($"# {plan.Channel} ({plan.Protocol}): nothing is sent in a dry run");
            foreach (var step in plan.Steps)
            {
                output.WriteLine(step.Note is null ? step.Send : $"{step.Send,-70} # {step.Note}");
            }

            return 0;
        }
        catch (SpeedUpException e)
        {
            error.WriteLine($"[{e.Code}] {e.Diagnostic}");
            return 2;
        }
    }

    /// <summary>Nothing connects in a dry run: missing secrets get a placeholder so that factories accept the channel.</summary>
    private static SupplyChannelOptions WithPlaceholderSecrets(SupplyChannelOptions options)
    {
        const string Placeholder = "dry-run-placeholder";
        if (EnvironmentSecretResolver.Instance.ChannelSecret(options) is null)
        {
            options.SecretEnvironmentVariable = null;
            options.Secret = Placeholder;
        }

        if (EnvironmentSecretResolver.Instance.CoaSecret(options) is null)
        {
            options.Coa.SecretEnvironmentVariable = null;
            options.Coa.Secret = Placeholder;
        }

        options.Snmp.AuthSecret ??= Placeholder;
        options.Snmp.PrivSecret ??= Placeholder;
        return options;
    }

    private static int Number(string option, Dictionary<string, string> values) =>
        !values.TryGetValue(option, out var text) ? 0
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? (int)n
        : throw SpeedUpException.InvalidParameter($"{option} must be a whole number, got '{text}'.");
}
