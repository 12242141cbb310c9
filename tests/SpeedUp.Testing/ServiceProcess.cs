using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;

namespace SpeedUp.Testing;

/// <summary>
/// The real service, run as its own process (<c>dotnet SpeedUp.Host.dll</c>) against the simulators. Its output
/// is kept (the last <see cref="KeptOutputLines"/> lines) for assertions and failure messages, and all of it is
/// written to <c>.run/logs/</c> for the secret scan that closes a test run (<see cref="SecretScan"/>).
/// Calls are signed: <see cref="Client"/> with the demo customer's key, the admin clients with an operator key.
/// </summary>
public sealed partial class ServiceProcess : ServiceClients, IAsyncDisposable
{
    /// <summary>How many of the latest output lines are kept.</summary>
    public const int KeptOutputLines = 5000;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private long _outputLines;
    private readonly TaskCompletionSource<(string Scheme, int Port)> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GrpcChannel? _channel;

    private readonly StreamWriter _log;

    private ServiceProcess(Process process, StreamWriter log, AccessKeyCredentials customerKey, AccessKeyCredentials operatorKey)
    {
        _process = process;
        _log = log;
        CustomerKey = customerKey;
        OperatorKey = operatorKey;
    }

    /// <summary>The gRPC port, from the service's <c>gRPC endpoint listening on</c> line.</summary>
    public int Port { get; private set; }

    /// <summary>
    /// The admin listener's port (Prometheus scrape at <c>/metrics</c>), from the service's <c>Admin endpoint listening on</c>
    /// line; null when <c>SpeedUp:Admin:Enabled</c> is false. The harness asks for a free port (<c>SpeedUp:Admin:Port=0</c>)
    /// unless the settings name one, so instances never collide on 9464.
    /// </summary>
    public int? AdminPort { get; private set; }

    /// <summary>The service's process id (for benchmarks reading <c>/proc/&lt;pid&gt;/status</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Processor time the service process has used so far (user + system), for benchmarks.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary><c>http</c> (HTTP/2 cleartext) or <c>https</c> (TLS, <c>SpeedUp:Host:Tls</c>): what the service said it listens on.</summary>
    public string Scheme { get; private set; } = "http";

    /// <summary>Where the service listens, e.g. <c>https://127.0.0.1:43121</c>.</summary>
    public Uri Address => new($"{Scheme}://127.0.0.1:{Port}");

    /// <summary>
    /// With TLS: the service's own certificate (from <c>SpeedUp:Host:Tls:CertificatePath</c>, public part only), the one
    /// certificate <see cref="Channel"/> trusts. Null without TLS.
    /// </summary>
    public X509Certificate2? TrustedCertificate { get; private set; }

    /// <summary>The bootstrap key of the <c>demo</c> customer (<c>SpeedUpService/*</c>).</summary>
    public override AccessKeyCredentials CustomerKey { get; }

    /// <summary>The bootstrap operator key (<c>*</c>).</summary>
    public override AccessKeyCredentials OperatorKey { get; }

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

    /// <summary>
    /// Waits until the service has written <paramref name="text"/> (its output is read asynchronously, so a line logged
    /// just before a call returned may not be in <see cref="Output"/> yet); returns the output then. Fails after 10 s.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var output = Output;
            if (output.Contains(text, StringComparison.Ordinal))
            {
                return output;
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"The service did not write '{text}' within 10 s.");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How many lines the service has written in all.</summary>
    public long OutputLines => Interlocked.Read(ref _outputLines);

    /// <summary>The plain channel: calls on it are not signed. Over TLS it trusts exactly <see cref="TrustedCertificate"/>.</summary>
    public override GrpcChannel Channel => _channel ??= Scheme == "https"
        ? ChannelTrusting(Address, TrustedCertificate ?? throw new InvalidOperationException("The service listens on TLS but no certificate to trust is known."))
        : GrpcChannel.ForAddress(Address);

    /// <summary>A channel to a TLS endpoint that trusts <paramref name="certificate"/> as its only root (no system roots).</summary>
    public static GrpcChannel ChannelTrusting(Uri address, X509Certificate2 certificate)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(certificate);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            EnableMultipleHttp2Connections = true,
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>
    /// A new plain channel whose connections leave from <paramref name="localAddress"/> (any 127.0.0.0/8 address is
    /// loopback on Linux), so the service sees a client other than 127.0.0.1. The caller disposes it.
    /// </summary>
    public GrpcChannel ChannelFrom(string localAddress) => GrpcChannel.ForAddress(Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(
                    System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(localAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        },
        DisposeHttpClient = true,
    });

    /// <summary>Starts the service with the simulators as its channels; <paramref name="settings"/> override configuration keys.</summary>
    public static Task<ServiceProcess> StartAsync(
        CarrierSimulators networks, string databasePath, IDictionary<string, string>? settings = null, CancellationToken cancellationToken = default) =>
        StartAsync(networks, databasePath, settings, keysOf: null, cancellationToken);

    /// <summary>
    /// Starts another instance of a deployment: it provisions the bootstrap keys of <paramref name="keysOf"/> (instances on
    /// one database must agree on them); with null, fresh secrets.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        CarrierSimulators networks, string databasePath, IDictionary<string, string>? settings, ServiceClients? keysOf, CancellationToken cancellationToken)
    {
        var info = HostCommand.StartInfo();
        var environment = info.Environment;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["SpeedUp__Host__Port"] = "0";
        environment["SpeedUp__Admin__Port"] = "0";
        environment["SpeedUp__Storage__SqlitePath"] = databasePath;
        environment["SpeedUp__Location__DatabasePath"] = RepositoryPaths.Ip2RegionDatabase;
        environment["SpeedUp__Channels__0__Port"] = networks.Telecom.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SpeedUp__Channels__0__Username"] = networks.Telecom.SshUser;
        environment["SpeedUp__Channels__0__HostKeySha256"] = networks.Telecom.SshHostKeySha256;
        environment["SPEEDUP_CT_SSH_PASSWORD"] = networks.Telecom.SshPassword;
        environment["SpeedUp__Channels__1__Port"] = networks.Unicom.SnmpEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["SPEEDUP_CU_SNMP_COMMUNITY"] = CarrierSimulators.UnicomWriteCommunity;
        // Signed calls: bootstrap keys with fresh secrets, the master key beside the database (so a restart on the same
        // database reads its keys back), and limits far above what a test sends (the rate-limit tests set their own).
        // A restart on the same database keeps its bootstrap secrets: bootstrap never re-applies a secret to an existing key.
        var remembered = s_bootstrapKeys.GetOrAdd(databasePath,
            _ => (new AccessKeyCredentials("demo-key", NewSecret()), new AccessKeyCredentials("demo-operator", NewSecret())));
        var customerKey = keysOf?.CustomerKey ?? remembered.Customer;
        var operatorKey = keysOf?.OperatorKey ?? remembered.Operator;
        environment["SPEEDUP_DEMO_KEY_SECRET"] = customerKey.AccessKeySecret;
        environment["SPEEDUP_DEMO_OPERATOR_SECRET"] = operatorKey.AccessKeySecret;
        environment["SpeedUp__Security__MasterKeyPath"] = databasePath + ".master.key";
        environment["SpeedUp__Security__RateLimits__PerKey__PermitsPerSecond"] = "1000000";
        environment["SpeedUp__Security__RateLimits__PerKey__Burst"] = "1000000";
        environment["SpeedUp__Security__RateLimits__PerCustomer__PermitsPerSecond"] = "1000000";
        environment["SpeedUp__Security__RateLimits__PerCustomer__Burst"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        SecretScan.RegisterFrom(environment);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, SecretScan.OpenLog("service"), customerKey, operatorKey);
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
        (service.Scheme, service.Port) = await service._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (service.Scheme == "https")
        {
            try
            {
                service.TrustedCertificate = ConfiguredCertificate(environment);
            }
            catch
            {
                await service.DisposeAsync();
                throw;
            }
        }

        var masterKey = environment["SpeedUp__Security__MasterKeyPath"];
        if (File.Exists(masterKey))
        {
            SecretScan.Register((await File.ReadAllTextAsync(masterKey, cancellationToken)).Trim());
        }

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
        TrustedCertificate?.Dispose();
        await KillAsync();
        _process.Dispose();
        lock (_output)
        {
            _log.Dispose();
        }
    }

    /// <summary>The public part of the certificate <c>SpeedUp:Host:Tls</c> names (PEM/DER, or PKCS#12 with its password variable).</summary>
    private static X509Certificate2? ConfiguredCertificate(IDictionary<string, string?> environment)
    {
        if (!environment.TryGetValue("SpeedUp__Host__Tls__CertificatePath", out var path) || string.IsNullOrEmpty(path))
        {
            return null;
        }

        path = Path.Combine(RepositoryPaths.Root, path); // relative paths are the service's: its working directory is the root
        if (Path.GetExtension(path).ToLowerInvariant() is not (".pfx" or ".p12"))
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }

        var password = environment.TryGetValue("SpeedUp__Host__Tls__PasswordEnvironmentVariable", out var variable) && !string.IsNullOrEmpty(variable)
            ? environment.TryGetValue(variable, out var value) ? value : null
            : null;
        using var withKey = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    /// <summary>The bootstrap secrets given to each database, so a restart on it comes with the same ones.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AccessKeyCredentials Customer, AccessKeyCredentials Operator)> s_bootstrapKeys =
        new(StringComparer.Ordinal);

    private static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _outputLines);
        lock (_output)
        {
            SecretScan.TryWrite(_log, line);
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }

        // The service names each endpoint in a line of its own once started (admin first): Kestrel's "Now listening on"
        // lines do not say which is which.
        var admin = AdminListeningOn().Match(line);
        if (admin.Success)
        {
            AdminPort = int.Parse(admin.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var match = GrpcListeningOn().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult((match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [GeneratedRegex(@"gRPC endpoint listening on: (https?)://127\.0\.0\.1:(\d+)")]
    private static partial Regex GrpcListeningOn();

    [GeneratedRegex(@"Admin endpoint listening on: http://127\.0\.0\.1:(\d+)/metrics")]
    private static partial Regex AdminListeningOn();
}
