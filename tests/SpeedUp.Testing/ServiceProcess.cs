using System.Diagnostics;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using Grpc.Net.Client;

namespace SpeedUp.Testing;

/// <summary>
/// The real service, run as its own process (<c>dotnet SpeedUp.Host.dll</c>) against the simulators. Its output
/// is kept (the last <see cref="KeptOutputLines"/> lines) for assertions and failure messages.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    /// <summary>How many of the latest output lines are kept.</summary>
    public const int KeptOutputLines = 5000;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private long _outputLines;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcChannel? _channel;

    private ServiceProcess(Process process) => _process = process;

    public int Port { get; private set; }

    /// <summary>The latest output lines (logging) of the service.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>How many lines the service has written in all.</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines);

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");

    public SpeedUpService.SpeedUpServiceClient Client => new(Channel);

    /// <summary>The channel admin API (protos/broadband/speedup/admin/v1/channels.proto).</summary>
    public Broadband.SpeedUp.Admin.V1.ChannelAdmin.ChannelAdminClient Admin => new(Channel);

    /// <summary>The customer admin API (protos/broadband/speedup/admin/v1/customers.proto).</summary>
    public Broadband.SpeedUp.Admin.V1.CustomerAdmin.CustomerAdminClient Customers => new(Channel);

    /// <summary>Starts the service with the simulators as its channels; <paramref name="settings"/> override configuration keys.</summary>
    public static async Task<ServiceProcess> StartAsync(
        CarrierSimulators networks, string databasePath, IDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.HostAssembly);
        var environment = info.Environment;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["SpeedUp__Host__Port"] = "0";
        environment["SpeedUp__Storage__SqlitePath"] = databasePath;
        environment["SpeedUp__Location__DatabasePath"] = RepositoryPaths.Ip2RegionDatabase;
        environment["SpeedUp__Channels__0__Port"] = networks.Telecom.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SpeedUp__Channels__0__Username"] = networks.Telecom.SshUser;
        environment["SpeedUp__Channels__0__HostKeySha256"] = networks.Telecom.SshHostKeySha256;
        environment["SPEEDUP_CT_SSH_PASSWORD"] = networks.Telecom.SshPassword;
        environment["SpeedUp__Channels__1__Port"] = networks.Unicom.SnmpEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SPEEDUP_CU_SNMP_COMMUNITY"] = CarrierSimulators.UnicomWriteCommunity;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // lets the asynchronous readers drain stdout/stderr first
            service._listening.TrySetException(new InvalidOperationException("The service exited before listening:\n" + service.Output));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        service.Port = await service._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return service;
    }

    /// <summary>Kills the process at once, as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _outputLines);
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }

        var match = ListeningOn().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
