using Google.Protobuf;
using SpeedUp.Host.Security;
using SpeedUp.Signing;

namespace SpeedUp.Host;

/// <summary>
/// <c>SpeedUp.Host sign --key-id ID --secret-env VARIABLE --method package.Service/Method [--json '{…}']</c>: prints
/// the signature headers of one call as grpcurl <c>-H</c> flags (valid for the clock-skew window, one use). The
/// secret is read from the named environment variable, never from the command line. Exit code 0, or 2 with the
/// problem on standard error.
/// </summary>
internal static class SignCommand
{
    public const string Verb = "sign";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--key-id", out var keyId) || !values.TryGetValue("--secret-env", out var variable) || !values.TryGetValue("--method", out var method))
        {
            error.WriteLine("usage: SpeedUp.Host sign --key-id ID --secret-env VARIABLE --method package.Service/Method [--json '{...}']");
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
            request = JsonParser.Default.Parse(values.GetValueOrDefault("--json", "{}"), descriptor.InputType);
        }
        catch (InvalidProtocolBufferException e)
        {
            error.WriteLine($"sign: the JSON is not a {descriptor.InputType.FullName}: {e.Message}");
            return 2;
        }

        foreach (var header in SigningInterceptor.HeadersFor(new AccessKeyCredentials(keyId, secret), path, request, DateTimeOffset.UtcNow))
        {
            output.WriteLine($"-H '{header.Key}: {header.Value}'");
        }

        return 0;
    }
}
