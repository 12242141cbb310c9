using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>
/// The scenario recorded into <c>Fixtures/&lt;driver&gt;.json</c> for each CLI driver (<see cref="CliReplaySubject"/>) and
/// replayed from it: find the line behind (ip, port), read it, set a direction and restore it (when the recording
/// allowed writes), probe. The fixture's <c>scenario</c> holds the inputs and the results seen while recording; a
/// replay must give the same results.
/// </summary>
public static class CliReplayScenario
{
    /// <summary>Set to <c>1</c> to re-record the committed fixtures (from the lab device of SPEEDUP_CONFORMANCE_LAB when it runs that driver, else from the simulator).</summary>
    public const string RecordVariable = "SPEEDUP_RECORD_FIXTURES";

    private static readonly string[] InputKeys = ["ip", "port", "bandId", "account", "direction", "rate"];

    /// <summary>The inputs of a scenario.</summary>
    public static Dictionary<string, string> Inputs(string ip, int port, LineReference line, Direction? direction, long? rate)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ip"] = ip,
            ["port"] = port.ToString(CultureInfo.InvariantCulture),
            ["bandId"] = line.BandId.ToString(CultureInfo.InvariantCulture),
            ["account"] = line.Account,
        };
        if (direction is { } d && rate is { } r)
        {
            inputs["direction"] = d.ToString();
            inputs["rate"] = r.ToString(CultureInfo.InvariantCulture);
        }

        return inputs;
    }

    /// <summary>The inputs part of a recorded scenario.</summary>
    public static Dictionary<string, string> InputsOf(IReadOnlyDictionary<string, string> scenario) =>
        scenario.Where(pair => InputKeys.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>Runs the scenario; returns the inputs plus the results.</summary>
    public static async Task<Dictionary<string, string>> RunAsync(ISubscriberLineDriver driver, IReadOnlyDictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, string>(inputs, StringComparer.Ordinal);
        var line = new LineReference(long.Parse(inputs["bandId"], CultureInfo.InvariantCulture), inputs["account"]);
        var found = await driver.FindLineAsync(IPAddress.Parse(inputs["ip"]), int.Parse(inputs["port"], CultureInfo.InvariantCulture), cancellationToken);
        results["result.find"] = found is null ? "null" : $"{found.BandId} {found.Account} {found.Ports.First}-{found.Ports.Last} {Rates(found.Current)}";
        var read = await driver.ReadLineAsync(line, cancellationToken);
        results["result.read"] = $"{Rates(read.Current)} capability {read.Capability.MaxUpKbps}/{read.Capability.MaxDownKbps} permitted {read.Capability.SpeedUpPermitted}";
        if (inputs.TryGetValue("direction", out var directionText) && inputs.TryGetValue("rate", out var rateText))
        {
            var direction = Enum.Parse<Direction>(directionText);
            var set = await driver.SetRateAsync(line, direction, long.Parse(rateText, CultureInfo.InvariantCulture), cancellationToken);
            results["result.set"] = Rates(set);
            var restored = await driver.SetRateAsync(line, direction, read.Current.Of(direction), cancellationToken);
            results["result.restore"] = Rates(restored);
        }

        var health = await driver.ProbeAsync(cancellationToken);
        results["result.probe"] = $"{health.Healthy} {health.Detail}";
        return results;
    }

    /// <summary>Records the scenario with <paramref name="subject"/>'s driver against <paramref name="channel"/> (real SSH), secrets masked; saves to <paramref name="path"/> when given.</summary>
    public static async Task<CliFixture> RecordAsync(
        CliReplaySubject subject, DeviceOptions channel, IReadOnlyDictionary<string, string> inputs, string source, string? path, CancellationToken cancellationToken)
    {
        var secret = EnvironmentSecretResolver.Instance.ChannelSecret(channel);
        var recorder = new CliRecorder(subject.Dialect.Cli, [secret, EnvironmentSecretResolver.Instance.PrivateKeyPassphrase(channel)]);
        var device = CliDeviceEndpoint.From(channel, EnvironmentSecretResolver.Instance, NullLoggerFactory.Instance);
        Dictionary<string, string> results;
        await using (var driver = subject.CreateDriver(channel.Name, string.IsNullOrEmpty(secret) ? [] : [secret], () => recorder.Wrap(device.NewTransport())))
        {
            results = await RunAsync(driver, inputs, cancellationToken);
        }

        var fixture = recorder.ToFixture(source, results);
        if (path is not null)
        {
            fixture.Save(path);
        }

        return fixture;
    }

    /// <summary>Replays <paramref name="fixture"/> into <paramref name="subject"/>'s real driver (no network) with its inputs, or other ones.</summary>
    public static async Task<(Dictionary<string, string> Results, CliReplay Replay)> ReplayAsync(
        CliReplaySubject subject, CliFixture fixture, IReadOnlyDictionary<string, string>? inputs, CancellationToken cancellationToken)
    {
        var replay = new CliReplay(fixture, new CliSecretRedactor(subject.Dialect.Cli, []));
        await using var driver = subject.CreateDriver("replay", [], replay.NextTransport);
        var results = await RunAsync(driver, inputs ?? InputsOf(fixture.Scenario), cancellationToken);
        return (results, replay);
    }

    /// <summary>Every client write of the fixture, in order, per session.</summary>
    public static IReadOnlyList<string> Writes(CliFixture fixture) =>
        [.. fixture.Sessions.SelectMany((session, index) => session.Events.Where(e => e.Kind == CliFixtureEventKind.Write).Select(e => $"#{index + 1} {e.Text}"))];

    private static string Rates(LineRates rates) => $"up {rates.UpKbps} down {rates.DownKbps}";
}
