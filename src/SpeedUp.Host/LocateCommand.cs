using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Validation;
using SpeedUp.Location;

namespace SpeedUp.Host;

/// <summary>
/// <c>SpeedUp.Host locate IPV4 [--output text|json] [--SpeedUp:key=value …]</c>: where the service's pre-check places
/// an address — country, province, carrier, ISP — and whether a configured override (<c>SpeedUp:Location:Overrides</c>)
/// or ip2region said so. Exit code 0, or 2 with the problem on standard error.
/// </summary>
internal static class LocateCommand
{
    public const string Verb = "locate";

    private const string Usage = "usage: SpeedUp.Host locate IPV4 [--output text|json] [--SpeedUp:key=value ...]";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var arguments = CommandArguments.Parse(args, ["--output"]);
            if (arguments.Positional.Count != 1)
            {
                throw SpeedUpException.InvalidParameter(Usage);
            }

            var format = arguments.Options.GetValueOrDefault("--output", "text");
            if (format is not ("text" or "json"))
            {
                throw SpeedUpException.InvalidParameter($"--output is 'text' or 'json', not '{format}'.");
            }

            var address = RequestValidator.IpAddress(arguments.Positional[0]);
            var setup = LocationCommandSetup.Load(arguments.Configuration);
            var location = setup.Locator.Locate(address);
            var match = location.Source == IpLocator.OverrideSource ? setup.Overrides.Match(address) : null;
            var answer = new LocateAnswer(address.ToString(), location.Country, location.Province, location.Carrier?.ToString(), location.Isp,
                location.Source, match?.Network.ToString());
            if (format == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(answer, Json));
            }
            else
            {
                WriteText(answer, output);
            }

            return 0;
        }
        catch (SpeedUpException e)
        {
            error.WriteLine($"{Verb}: {e.Diagnostic}");
            return 2;
        }
    }

    private static void WriteText(LocateAnswer answer, TextWriter output)
    {
        output.WriteLine($"address   {answer.Address}");
        output.WriteLine($"country   {Or(answer.Country)}");
        output.WriteLine($"province  {Or(answer.Province, "- (not a mainland province)")}");
        output.WriteLine($"carrier   {Or(answer.Carrier, "- (neither China Telecom nor China Unicom)")}");
        output.WriteLine($"isp       {Or(answer.Isp)}");
        output.WriteLine(answer.Override is null ? $"source    {answer.Source}" : $"source    {answer.Source} {answer.Override} ({IpLocationOptions.SectionName}:Overrides)");
    }

    private static string Or(string? value, string missing = "-") => string.IsNullOrEmpty(value) ? missing : value;

    /// <summary>What <c>--output json</c> prints.</summary>
    internal sealed record LocateAnswer(string Address, string Country, string? Province, string? Carrier, string Isp, string Source, string? Override);
}
