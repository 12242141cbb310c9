using System.Globalization;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Host;

/// <summary>
/// <c>SpeedUp.Host seed --carrier ChinaTelecom|ChinaUnicom --province NAME [--count N] [--random-seed N]
/// [--first-band-id N] [--hostname NAME] [--SpeedUp:key=value …]</c>: prints a BRAS simulator seed (JSON, the format
/// of <c>simulators/data/*.json</c>) of <c>N</c> lines (1..1000, default 20) whose addresses are real ip2region
/// addresses of that carrier and province — each one located back through the service's locator (overrides applied).
/// The same arguments print the same seed. Exit code 0, or 2 with the problem on standard error.
/// </summary>
internal static class SeedCommand
{
    public const string Verb = "seed";

    public const int MaxCount = 1000;

    private const string Usage = "usage: SpeedUp.Host seed --carrier ChinaTelecom|ChinaUnicom --province NAME [--count 1..1000] [--random-seed N] " +
        "[--first-band-id N] [--hostname NAME] [--cgnat 0..16] [--SpeedUp:key=value ...]";

    private static readonly string[] Known = ["--carrier", "--province", "--count", "--random-seed", "--first-band-id", "--hostname", "--cgnat"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var arguments = CommandArguments.Parse(args, Known);
            if (arguments.Positional.Count > 0 || !arguments.Options.TryGetValue("--carrier", out var carrierText)
                || !arguments.Options.TryGetValue("--province", out var provinceText))
            {
                throw SpeedUpException.InvalidParameter(Usage);
            }

            var carrier = ParseCarrier(carrierText);
            var province = ProvinceNames.NormalizeEnglish(provinceText)
                ?? throw SpeedUpException.InvalidParameter($"--province '{provinceText}' is not one of the 31 catalogue provinces ({string.Join(", ", ProvinceNames.All.Order(StringComparer.Ordinal))}).");
            var count = (int)Number(arguments, "--count", 20, 1, MaxCount);
            var cgnat = (int)Number(arguments, "--cgnat", 0, 0, SimulatorSeedWriter.MaxCgnatLines);
            if (cgnat > count)
            {
                throw SpeedUpException.InvalidParameter($"--cgnat {cgnat} is more lines than --count {count}.");
            }

            var randomSeed = (int)Number(arguments, "--random-seed", 1, int.MinValue, int.MaxValue);
            var firstBandId = Number(arguments, "--first-band-id", SimulatorSeedWriter.DefaultFirstBandId(carrier, province), 1, int.MaxValue - count + 1);
            var hostname = arguments.Options.GetValueOrDefault("--hostname") ?? SimulatorSeedWriter.DefaultHostname(carrier, province);
            if (hostname.Length is 0 or > 64 || !hostname.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw SpeedUpException.InvalidParameter($"--hostname '{hostname}' must be 1..64 letters, digits, '.', '_' or '-'.");
            }

            var setup = LocationCommandSetup.Load(arguments.Configuration);
            var distinct = count - Math.Max(0, cgnat - 1);
            var addresses = new ProvinceAddressSampler(setup.Database, setup.Locator).Sample(carrier, province, distinct, randomSeed);
            if (addresses.Count < distinct)
            {
                throw SpeedUpException.InvalidParameter(
                    $"only {addresses.Count} addresses of {carrier} in {province} locate back to it (asked for {distinct}); ask for fewer.");
            }

            SimulatorSeedWriter.Write(output, hostname, carrier, province, addresses, firstBandId, cgnat);
            error.WriteLine($"{Verb}: {count} lines of {carrier} in {province} (band ids {firstBandId}..{firstBandId + count - 1}), addresses from ip2region, each located back.");
            return 0;
        }
        catch (SpeedUpException e)
        {
            error.WriteLine($"{Verb}: {e.Diagnostic}");
            return 2;
        }
    }

    private static Carrier ParseCarrier(string text) =>
        Enum.TryParse<Carrier>(text, ignoreCase: true, out var carrier) && Enum.IsDefined(carrier) && !char.IsAsciiDigit(text.TrimStart('-')[0])
            ? carrier
            : throw SpeedUpException.InvalidParameter($"--carrier is ChinaTelecom or ChinaUnicom, not '{text}'.");

    private static long Number(CommandArguments arguments, string option, long fallback, long min, long max)
    {
        if (!arguments.Options.TryGetValue(option, out var text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw SpeedUpException.InvalidParameter($"{option} must be a whole number from {min} to {max}, got '{text}'.");
    }
}
