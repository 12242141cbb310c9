using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using Grpc.Net.Client;

namespace SpeedUp.Benchmarks;

/// <summary>The real service, run as its own process (<c>dotnet SpeedUp.Host.dll</c>) against the simulators.</summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcChannel? _channel;
    private long _outputLines;

    private ServiceProcess(Process process) => _process = process;

    public int Port { get; private set; }

    /// <summary>How many lines the service wrote to stdout/stderr (its logging, read by this process).</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines);

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");

    public SpeedUpService.SpeedUpServiceClient Client => new(Channel);

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <summary>Starts the service with the simulators as its channels and a fresh SQLite file.</summary>
    public static async Task<ServiceProcess> StartAsync(SimulatedNetworks networks, string databasePath, CancellationToken cancellationToken)
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
        environment["SpeedUp__Channels__0__Port"] = networks.Telecom.SshPort.ToString(CultureInfo.InvariantCulture);
        environment["SpeedUp__Channels__0__Username"] = networks.Telecom.SshUser;
        environment["SpeedUp__Channels__0__HostKeySha256"] = networks.Telecom.SshHostKeySha256;
        environment["SPEEDUP_CT_SSH_PASSWORD"] = networks.Telecom.SshPassword;
        environment["SpeedUp__Channels__1__Port"] = networks.Unicom.SnmpEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        environment["SPEEDUP_CU_SNMP_COMMUNITY"] = "private";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.Exited += (_, _) => service._listening.TrySetException(
            new InvalidOperationException("The service exited before listening:\n" + service.Tail));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            service.Port = await service._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _outputLines);
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > KeptOutputLines)
            {
                _tail.Dequeue();
            }
        }

        var match = ListeningOn().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
