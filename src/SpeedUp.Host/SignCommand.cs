using Google.Protobuf;
using SpeedUp.Host.Security;
using SpeedUp.Signing;

namespace SpeedUp.Host;

/// <summary>
/// <c>SpeedUp.Host sign --key-id ID --secret-env VARIABLE --method package.Service/Method [--json '{…}' | --json -]
/// [--format flags|env]</c>: prints the signature headers of one call (valid for the clock-skew window, one use) as
/// grpcurl <c>-H</c> flags (<c>flags</c>, the default) or as shell <c>export NAME='value'</c> lines (<c>env</c>) for
/// grpcurl's <c>-expand-headers</c>, so that the headers never appear on a command line <c>ps</c> shows. <c>--json -</c>
/// reads the request from standard input. The secret is read from the named environment variable, never from the
/// command line. Exit code 0, or 2 with the problem on standard error.
/// </summary>
internal static class SignCommand
{
    public const string Verb = "sign";

    /// <summary>The variable each header goes to with <c>--format env</c>.</summary>
    public static string VariableOf(string header) =>
        header.StartsWith("x-", StringComparison.Ordinal) ? header[2..].Replace('-', '_').ToUpperInvariant() : header.Replace('-', '_').ToUpperInvariant();

    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--key-id", out var keyId) || !values.TryGetValue("--secret-env", out var variable) || !values.TryGetValue("--method", out var method))
        {
            error.WriteLine("usage: SpeedUp.Host sign --key-id ID --secret-env VARIABLE --method package.Service/Method [--json '{...}' | --json -] [--format flags|env]");
            return 2;
        }

        var format = values.GetValueOrDefault("--format", "flags");
        if (format is not ("flags" or "env"))
        {
            error.WriteLine($"sign: --format is 'flags' or 'env', not '{format}'.");
            return 2;
        }

        var secret = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(secret))
        {
            error.WriteLine($"sign: the environment variable {variable} is not set.");
            return 2;
        }

        var path = "/" + method.TrimStart('/');
        var descriptor = SecurityServiceCollectionExtensions.CustomerServices.Concat(SecurityServiceCollectionExtensions.OperatorServices)
            .SelectMany(s => s.Methods.Select(m => (Path: $"/{s.FullName}/{m.Name}", Method: m)))
            .FirstOrDefault(m => m.Path == path).Method;
        if (descriptor is null)
        {
            error.WriteLine($"sign: no method {path}.");
            return 2;
        }

        IMessage request;
        try
        {
            var json = values.GetValueOrDefault("--json", "{}");
            request = JsonParser.Default.Parse(json == "-" ? (input ?? Console.In).ReadToEnd() : json, descriptor.InputType);
        }
        catch (InvalidProtocolBufferException e)
        {
            error.WriteLine($"sign: the JSON is not a {descriptor.InputType.FullName}: {e.Message}");
            return 2;
        }

        var headers = SigningInterceptor.HeadersFor(new AccessKeyCredentials(keyId, secret), path, request, DateTimeOffset.UtcNow).ToList();
        if (headers.Any(h => h.Value.Contains('\'', StringComparison.Ordinal)))
        {
            error.WriteLine("sign: the key id holds a quote; it cannot be printed for a shell.");
            return 2;
        }

        foreach (var header in headers)
        {
            output.WriteLine(format == "env" ? $"export {VariableOf(header.Key)}='{header.Value}'" : $"-H '{header.Key}: {header.Value}'");
        }

        return 0;
    }
}
