using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeedUp.Simulator;

/// <summary>
/// The launcher's HTTP/JSON control endpoint on 127.0.0.1 only (docs/simulator.md): list the networks and their
/// faults, set and clear faults, reboot a network, read its audit log. For chaos tests driving simulators that run
/// in another process.
/// </summary>
public sealed class SimulatorControlServer : IAsyncDisposable
{
    /// <summary>The launcher's default port (config key <c>controlPort</c>).</summary>
    public const int DefaultPort = 16199;

    private const int MaxBodyBytes = 64 * 1024;
    private const long MaxLatencyMs = 600_000;

    private static readonly string[] KnownFaultFields =
    [
        "cliLatencyMs", "cliLineDelayMs", "forcePaging", "garble", "dropNext", "cliDropRatio",
        "snmpLatencyMs", "snmpDropRatio", "snmpDark", "sshDark", "seed",
    ];

    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, BrasSimulator> _networks;
    private readonly IReadOnlyList<string> _order;
    private readonly ILogger _logger;
    private readonly Task _acceptLoop;
    private int _disposed;

    private SimulatorControlServer(HttpListener listener, int port, IReadOnlyList<(string Name, BrasSimulator Simulator)> networks, ILogger logger)
    {
        _listener = listener;
        _networks = networks.ToDictionary(n => n.Name, n => n.Simulator, StringComparer.Ordinal);
        _order = [.. networks.Select(n => n.Name)];
        _logger = logger;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The endpoint's base address, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts serving <paramref name="networks"/> on 127.0.0.1:<paramref name="port"/> (0 = a free port).</summary>
    /// <exception cref="InvalidOperationException">The port cannot be bound.</exception>
    public static SimulatorControlServer Start(IReadOnlyList<(string Name, BrasSimulator Simulator)> networks, int port, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var attempts = port == 0 ? 5 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var actual = port == 0 ? FreePort() : port;
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{actual}/");
            try
            {
                listener.Start();
                return new SimulatorControlServer(listener, actual, networks, logger ?? NullLogger.Instance);
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                if (attempt >= attempts)
                {
                    throw new InvalidOperationException($"The control endpoint cannot listen on 127.0.0.1:{actual}: {ex.Message}", ex);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpStatusCode status;
        JsonNode? body;
        try
        {
            (status, body) = await RouteAsync(context.Request);
        }
        catch (ControlError error)
        {
            (status, body) = (error.Status, Error(error.Message));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            _logger.LogWarning(ex, "Control request {Method} {Path} failed", context.Request.HttpMethod, context.Request.Url?.AbsolutePath);
            (status, body) = (HttpStatusCode.InternalServerError, Error(ex.Message));
        }

        try
        {
            var bytes = Encoding.UTF8.GetBytes((body?.ToJsonString(JsonOptions) ?? "{}") + "\n");
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug("Control response not sent: {Reason}", ex.Message);
        }
    }

    // Only local tools read this; keep '+' in host key fingerprints readable.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async Task<(HttpStatusCode, JsonNode?)> RouteAsync(HttpListenerRequest request)
    {
        var path = request.Url?.AbsolutePath ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.HttpMethod.ToUpperInvariant();
        if (segments.Length == 0 || segments[0] != "networks" || segments.Length > 3)
        {
            throw new ControlError(HttpStatusCode.NotFound, $"No such resource '{path}' (see GET /networks).");
        }

        if (segments.Length == 1)
        {
            Require(method, "GET");
            return (HttpStatusCode.OK, new JsonArray([.. _order.Select(name => Describe(name, _networks[name]))]));
        }

        var name = segments[1];
        if (!_networks.TryGetValue(name, out var simulator))
        {
            throw new ControlError(HttpStatusCode.NotFound, $"Unknown network '{name}' (known: {string.Join(", ", _order)}).");
        }

        if (segments.Length == 2)
        {
            Require(method, "GET");
            return (HttpStatusCode.OK, Describe(name, simulator));
        }

        switch (segments[2])
        {
            case "faults":
                switch (method)
                {
                    case "GET":
                        return (HttpStatusCode.OK, Faults(simulator));
                    case "POST":
                        await ApplyAsync(simulator, await ReadBodyAsync(request));
                        return (HttpStatusCode.OK, Faults(simulator));
                    case "DELETE":
                        await simulator.ClearFaultsAsync();
                        return (HttpStatusCode.OK, Faults(simulator));
                    default:
                        throw new ControlError(HttpStatusCode.MethodNotAllowed, $"{method} is not allowed on faults (GET, POST, DELETE).");
                }

            case "reboot":
                Require(method, "POST");
                await simulator.RebootAsync();
                return (HttpStatusCode.OK, new JsonObject { ["network"] = name, ["rebooted"] = true, ["activeCliSessions"] = simulator.ActiveCliSessions });
            case "audit":
                Require(method, "GET");
                return (HttpStatusCode.OK, new JsonArray([.. simulator.State.AuditLog.Select(e => (JsonNode)new JsonObject
                {
                    ["timestamp"] = e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
                    ["face"] = e.Face.ToString(),
                    ["command"] = e.Command,
                    ["outcome"] = e.Outcome,
                })]));
            default:
                throw new ControlError(HttpStatusCode.NotFound, $"No such resource '{path}' (faults, reboot, audit).");
        }
    }

    private static void Require(string method, string allowed)
    {
        if (method != allowed)
        {
            throw new ControlError(HttpStatusCode.MethodNotAllowed, $"{method} is not allowed here (only {allowed}).");
        }
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.InputStream.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new ControlError(HttpStatusCode.BadRequest, $"The body is larger than {MaxBodyBytes} bytes.");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ControlError(HttpStatusCode.BadRequest, "The body must be a JSON object of the fault fields to set.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ControlError(HttpStatusCode.BadRequest, "The body is not valid JSON: " + ex.Message);
        }
    }

    /// <summary>Validates every field first, then applies them; a bad field changes nothing.</summary>
    private static async Task ApplyAsync(BrasSimulator simulator, JsonElement patch)
    {
        var changes = new List<Action>();
        bool? sshDark = null;
        foreach (var field in patch.EnumerateObject())
        {
            var value = field.Value;
            switch (field.Name)
            {
                case "cliLatencyMs":
                    var cliLatency = Milliseconds(field);
                    changes.Add(() => simulator.Faults.CommandLatency = cliLatency);
                    break;
                case "cliLineDelayMs":
                    var lineDelay = Milliseconds(field);
                    changes.Add(() => simulator.Faults.LineDelay = lineDelay);
                    break;
                case "snmpLatencyMs":
                    var snmpLatency = Milliseconds(field);
                    changes.Add(() => simulator.Faults.SnmpLatency = snmpLatency);
                    break;
                case "cliDropRatio":
                    var cliRatio = Ratio(field);
                    changes.Add(() => simulator.Faults.CliDropRatio = cliRatio);
                    break;
                case "snmpDropRatio":
                    var snmpRatio = Ratio(field);
                    changes.Add(() => simulator.Faults.SnmpDropRatio = snmpRatio);
                    break;
                case "forcePaging":
                    var paging = Boolean(field);
                    changes.Add(() => simulator.Faults.ForcePaging = paging);
                    break;
                case "snmpDark":
                    var snmpDark = Boolean(field);
                    changes.Add(() => simulator.Faults.SnmpDark = snmpDark);
                    break;
                case "dropNext":
                    var dropNext = Boolean(field);
                    changes.Add(() =>
                    {
                        if (dropNext)
                        {
                            simulator.Faults.DropConnectionOnNextCommand();
                        }
                        else
                        {
                            simulator.Faults.TryConsumeDrop();
                        }
                    });
                    break;
                case "garble":
                    var garble = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    var mode = garble switch
                    {
                        "none" => GarbleMode.None,
                        "ansi" => GarbleMode.Ansi,
                        "junk" => GarbleMode.Junk,
                        _ => throw new ControlError(HttpStatusCode.BadRequest, "'garble' must be \"none\", \"ansi\" or \"junk\"."),
                    };
                    changes.Add(() => simulator.Faults.Garble = mode);
                    break;
                case "seed":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var seed))
                    {
                        throw new ControlError(HttpStatusCode.BadRequest, "'seed' must be a 32-bit integer.");
                    }

                    changes.Add(() => simulator.Faults.Seed(seed));
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

    private static TimeSpan Milliseconds(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var ms) || ms is < 0 or > MaxLatencyMs)
        {
            throw new ControlError(HttpStatusCode.BadRequest, $"'{field.Name}' must be an integer number of milliseconds from 0 to {MaxLatencyMs}.");
        }

        return TimeSpan.FromMilliseconds(ms);
    }

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

    private static JsonObject Describe(string name, BrasSimulator simulator) => new()
    {
        ["name"] = name,
        ["hostname"] = simulator.State.Hostname,
        ["lines"] = simulator.State.Lines.Count,
        ["cliDialect"] = simulator.CliDialect,
        ["snmpPort"] = simulator.SnmpEndpoint.Port,
        ["sshPort"] = simulator.SshFront?.Port,
        ["sshUser"] = simulator.SshFront?.User,
        ["sshHostKey"] = simulator.SshFront?.HostKeySha256,
        ["cliSocket"] = simulator.CliSocketPath,
        ["activeCliSessions"] = simulator.ActiveCliSessions,
        ["faults"] = Faults(simulator),
    };

    private static JsonObject Faults(BrasSimulator simulator)
    {
        var state = simulator.DescribeFaults();
        return new JsonObject
        {
            ["cliLatencyMs"] = state.CliLatencyMs,
            ["cliLineDelayMs"] = state.CliLineDelayMs,
            ["forcePaging"] = state.ForcePaging,
            ["garble"] = state.Garble.ToString().ToLowerInvariant(),
            ["dropNextArmed"] = state.DropNextArmed,
            ["cliDropRatio"] = state.CliDropRatio,
            ["snmpLatencyMs"] = state.SnmpLatencyMs,
            ["snmpDropRatio"] = state.SnmpDropRatio,
            ["snmpDark"] = state.SnmpDark,
            ["sshDark"] = state.SshDark,
        };
    }

    private static JsonObject Error(string message) => new() { ["error"] = message };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener may complain while releasing its endpoint (seen: "Address already in use" when another
            // listener took the port meanwhile); it is closed either way.
        }

        await _acceptLoop;
    }

    private sealed class ControlError(HttpStatusCode status, string message) : Exception(message)
    {
        public HttpStatusCode Status { get; } = status;
    }
}
