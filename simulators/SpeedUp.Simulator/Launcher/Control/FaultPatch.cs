using System.Net;
using System.Text.Json;

namespace SpeedUp.Simulator;

/// <summary>The body of <c>POST /networks/{name}/faults</c>: every field is checked first, then all are applied; a bad field changes nothing.</summary>
internal static class FaultPatch
{
    private const long MaxLatencyMs = 600_000;

    private static readonly string[] KnownFaultFields =
    [
        "cliLatencyMs", "cliLineDelayMs", "forcePaging", "forcedPageLength", "vanishedAccount", "garble", "dropNext", "cliDropRatio",
        "snmpLatencyMs", "snmpDropRatio", "snmpDark", "sshDark", "coaLatencyMs", "coaDropRatio", "coaDark", "coaNakStorm", "coaAnswersLost", "seed",
    ];

    /// <exception cref="ControlError">400: a field is unknown or its value is not allowed.</exception>
    public static async Task ApplyAsync(BrasSimulator simulator, JsonElement patch)
    {
        var faults = simulator.Faults;
        var changes = new List<Action>();
        bool? sshDark = null;
        foreach (var field in patch.EnumerateObject())
        {
            switch (field.Name)
            {
                case "cliLatencyMs":
                    var cliLatency = Milliseconds(field);
                    changes.Add(() => faults.CommandLatency = cliLatency);
                    break;
                case "cliLineDelayMs":
                    var lineDelay = Milliseconds(field);
                    changes.Add(() => faults.LineDelay = lineDelay);
                    break;
                case "snmpLatencyMs":
                    var snmpLatency = Milliseconds(field);
                    changes.Add(() => faults.SnmpLatency = snmpLatency);
                    break;
                case "cliDropRatio":
                    var cliRatio = Ratio(field);
                    changes.Add(() => faults.CliDropRatio = cliRatio);
                    break;
                case "snmpDropRatio":
                    var snmpRatio = Ratio(field);
                    changes.Add(() => faults.SnmpDropRatio = snmpRatio);
                    break;
                case "forcePaging":
                    var paging = Boolean(field);
                    changes.Add(() => faults.ForcePaging = paging);
                    break;
                case "forcedPageLength":
                    var pageLength = PageLength(field);
                    changes.Add(() => faults.ForcedPageLength = pageLength);
                    break;
                case "vanishedAccount":
                    var vanished = Account(field);
                    changes.Add(() => faults.VanishedAccount = vanished);
                    break;
                case "snmpDark":
                    var snmpDark = Boolean(field);
                    changes.Add(() => faults.SnmpDark = snmpDark);
                    break;
                case "coaLatencyMs":
                    var coaLatency = Milliseconds(field);
                    changes.Add(() => faults.CoaLatency = coaLatency);
                    break;
                case "coaDropRatio":
                    var coaRatio = Ratio(field);
                    changes.Add(() => faults.CoaDropRatio = coaRatio);
                    break;
                case "coaDark":
                    var coaDark = Boolean(field);
                    changes.Add(() => faults.CoaDark = coaDark);
                    break;
                case "coaNakStorm":
                    var nakStorm = Boolean(field);
                    changes.Add(() => faults.CoaNakStorm = nakStorm);
                    break;
                case "coaAnswersLost":
                    var answersLost = Boolean(field);
                    changes.Add(() => faults.CoaAnswersLost = answersLost);
                    break;
                case "dropNext":
                    var dropNext = Boolean(field);
                    changes.Add(() =>
                    {
                        if (dropNext)
                        {
                            faults.DropConnectionOnNextCommand();
                        }
                        else
                        {
                            faults.TryConsumeDrop();
                        }
                    });
                    break;
                case "garble":
                    var mode = Garble(field.Value);
                    changes.Add(() => faults.Garble = mode);
                    break;
                case "seed":
                    if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt32(out var seed))
                    {
                        throw new ControlError(HttpStatusCode.BadRequest, "'seed' must be a 32-bit integer.");
                    }

                    changes.Add(() => faults.Seed(seed));
                    break;
                case "sshDark":
                    sshDark = Boolean(field);
                    if (simulator.SshFront is null)
                    {
                        throw new ControlError(HttpStatusCode.BadRequest, "'sshDark': this network has no SSH front.");
                    }

                    break;
                default:
                    throw new ControlError(HttpStatusCode.BadRequest,
                        $"Unknown fault field '{field.Name}' (known: {string.Join(", ", KnownFaultFields)}).");
            }
        }

        foreach (var change in changes)
        {
            change();
        }

        if (sshDark is { } dark)
        {
            await simulator.SetSshDarkAsync(dark);
        }
    }

    private static GarbleMode Garble(JsonElement value) => (value.ValueKind == JsonValueKind.String ? value.GetString() : null) switch
    {
        "none" => GarbleMode.None,
        "ansi" => GarbleMode.Ansi,
        "junk" => GarbleMode.Junk,
        _ => throw new ControlError(HttpStatusCode.BadRequest, "'garble' must be \"none\", \"ansi\" or \"junk\"."),
    };

    private static TimeSpan Milliseconds(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var ms) || ms is < 0 or > MaxLatencyMs)
        {
            throw new ControlError(HttpStatusCode.BadRequest, $"'{field.Name}' must be an integer number of milliseconds from 0 to {MaxLatencyMs}.");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

    private static int PageLength(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt32(out var length)
            || length is < SimulatorFaults.MinForcedPageLength or > SimulatorFaults.MaxForcedPageLength)
        {
            throw new ControlError(HttpStatusCode.BadRequest,
                $"'{field.Name}' must be an integer from {SimulatorFaults.MinForcedPageLength} to {SimulatorFaults.MaxForcedPageLength}.");
        }

        return length;
    }

    private static string? Account(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when SeedLoader.IsValidAccount(field.Value.GetString()!) => field.Value.GetString(),
        _ => throw new ControlError(HttpStatusCode.BadRequest, $"'{field.Name}' must be null or an account ([A-Za-z0-9._@-]{{1,64}})."),
    };

    private static double Ratio(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetDouble(out var ratio) || ratio is < 0 or > 1)
        {
            throw new ControlError(HttpStatusCode.BadRequest, $"'{field.Name}' must be a number from 0 to 1.");
        }

        return ratio;
    }

    private static bool Boolean(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ControlError(HttpStatusCode.BadRequest, $"'{field.Name}' must be true or false."),
    };
}
