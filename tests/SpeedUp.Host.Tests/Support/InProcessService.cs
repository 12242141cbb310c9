extern alias host;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Signing;
using SpeedUp.Testing;
using SpeedUpApplication = host::SpeedUp.Host.SpeedUpApplication;

namespace SpeedUp.Host.Tests.Support;

/// <summary>
/// The real service (<see cref="SpeedUpApplication.Build"/>: the same configuration, domain, storage, channels, drivers,
/// interceptors and workers) hosted in this test process on a TestServer, with a <see cref="FakeTimeProvider"/> as its
/// clock: expiry, sweeps, rate limits, nonce windows and breakers move only when a test advances <see cref="Time"/>.
/// Clients are real gRPC clients generated from the .proto alone, over the TestServer's handler. The same members as
/// <see cref="ServiceProcess"/>, so a test reads the same against either.
/// </summary>
public sealed class InProcessService : ServiceClients, IAsyncDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AccessKeyCredentials Customer, AccessKeyCredentials Operator)> s_bootstrapKeys = new(StringComparer.Ordinal);
    private static int s_instances;
    private readonly WebApplication _app;
    private readonly CapturedLog _log;
    private GrpcChannel? _channel;

    private InProcessService(WebApplication app, CapturedLog log, FakeTimeProvider time, AccessKeyCredentials customerKey, AccessKeyCredentials operatorKey)
    {
        _app = app;
        _log = log;
        Time = time;
        CustomerKey = customerKey;
        OperatorKey = operatorKey;
    }

    /// <summary>The service's clock. Starts at the real time of the start; moves only by <see cref="FakeTimeProvider.Advance"/>.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The service's container, for tests that look at its state.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The bootstrap key of the <c>demo</c> customer (<c>SpeedUpService/*</c>).</summary>
    public override AccessKeyCredentials CustomerKey { get; }

    /// <summary>The bootstrap operator key (<c>*</c>).</summary>
    public override AccessKeyCredentials OperatorKey { get; }

    /// <summary>How many of the latest log lines <see cref="Output"/> keeps.</summary>
    public const int KeptOutputLines = CapturedLog.KeptLines;

    /// <inheritdoc />
    protected override TimeProvider? SigningClock => Time;

    /// <summary>The latest log lines of the service.</summary>
    public string Output => _log.Text;

    /// <summary>How many log lines the service has written in all.</summary>
    public long OutputLines => _log.Count;

    /// <summary>The plain channel (calls from 127.0.0.1): calls on it are not signed.</summary>
    public override GrpcChannel Channel => _channel ??= ChannelFrom("127.0.0.1");

    /// <summary>A new plain channel whose calls the service sees as coming from <paramref name="remoteAddress"/>. The caller disposes it.</summary>
    public GrpcChannel ChannelFrom(string remoteAddress)
    {
        var address = IPAddress.Parse(remoteAddress);
        var handler = _app.GetTestServer().CreateHandler(context => context.Connection.RemoteIpAddress = address);
        return GrpcChannel.ForAddress(_app.GetTestServer().BaseAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>Waits (real time, at most 10 s) until the service has logged <paramref name="text"/>; returns the log then.</summary>
    public Task<string> WaitForOutputAsync(string text, CancellationToken cancellationToken = default) =>
        Eventually.ValueAsync(() => Task.FromResult(Output), output => output.Contains(text, StringComparison.Ordinal),
            $"The service did not log '{text}'", cancellationToken);

    /// <summary>
    /// Runs <paramref name="call"/> while the fake clock moves on by <paramref name="step"/> every few real milliseconds:
    /// for calls that wait on the service's clock themselves (read retries, breaker timeouts).
    /// </summary>
    public async Task<T> WhileTimePassesAsync<T>(Func<Task<T>> call, TimeSpan? step = null)
    {
        var task = call();
        var started = Stopwatch.GetTimestamp();
        while (!task.IsCompleted && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            Time.Advance(step ?? TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(task, Task.Delay(5));
        }

        return await task;
    }

    /// <summary>
    /// Starts the service with the simulators as its channels; <paramref name="settings"/> override configuration keys
    /// (<c>Section:Key</c>) or, for names without a colon, set environment variables (secrets the configuration names);
    /// <paramref name="services"/> adds to or replaces the service's registrations (e.g. an in-memory span exporter).
    /// </summary>
    public static async Task<InProcessService> StartAsync(
        CarrierSimulators networks, string databasePath, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var instance = Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);

        // Bootstrap keys with fresh secrets in variables of this instance's own; limits far above what a test sends.
        // A restart on the same database keeps its bootstrap secrets: bootstrap never re-applies a secret to an existing key.
        var (customerKey, operatorKey) = s_bootstrapKeys.GetOrAdd(Path.GetFullPath(databasePath),
            _ => (new AccessKeyCredentials("demo-key", NewSecret()), new AccessKeyCredentials("demo-operator", NewSecret())));
        var environment = new Dictionary<string, string>
        {
            ["SPEEDUP_CT_SSH_PASSWORD"] = networks.Telecom.SshPassword,
            ["SPEEDUP_CU_SNMP_COMMUNITY"] = CarrierSimulators.UnicomWriteCommunity,
            ["SPEEDUP_DEMO_KEY_SECRET_" + instance] = customerKey.AccessKeySecret,
            ["SPEEDUP_DEMO_OPERATOR_SECRET_" + instance] = operatorKey.AccessKeySecret,
        };
        var configuration = new Dictionary<string, string?>
        {
            ["SpeedUp:Storage:SqlitePath"] = databasePath,
            ["SpeedUp:Location:DatabasePath"] = RepositoryPaths.Ip2RegionDatabase,
            ["SpeedUp:Channels:0:Port"] = networks.Telecom.SshPort.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:0:Username"] = networks.Telecom.SshUser,
            ["SpeedUp:Channels:0:HostKeySha256"] = networks.Telecom.SshHostKeySha256,
            ["SpeedUp:Channels:1:Port"] = networks.Unicom.SnmpEndpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Security:BootstrapKeys:0:SecretEnvironmentVariable"] = "SPEEDUP_DEMO_KEY_SECRET_" + instance,
            ["SpeedUp:Security:BootstrapKeys:1:SecretEnvironmentVariable"] = "SPEEDUP_DEMO_OPERATOR_SECRET_" + instance,
            ["SpeedUp:Security:MasterKeyPath"] = databasePath + ".master.key",
            ["SpeedUp:Security:RateLimits:PerKey:PermitsPerSecond"] = "1000000",
            ["SpeedUp:Security:RateLimits:PerKey:Burst"] = "1000000",
            ["SpeedUp:Security:RateLimits:PerCustomer:PermitsPerSecond"] = "1000000",
            ["SpeedUp:Security:RateLimits:PerCustomer:Burst"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            if (key.Contains(':', StringComparison.Ordinal))
            {
                configuration[key] = value;
            }
            else
            {
                environment[key] = value;
            }
        }

        // The secret scan lists secrets by the names a service process would see (SpeedUp__Channels__2__Secret, …).
        SecretScan.RegisterFrom(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value))
            .Concat(configuration.Select(c => KeyValuePair.Create(c.Key.Replace(":", "__", StringComparison.Ordinal), c.Value)))
            .ToDictionary(e => e.Key, e => e.Value));
        foreach (var (name, value) in environment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new CapturedLog();
        var app = SpeedUpApplication.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(log);
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(time);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            log.Dispose();
            throw;
        }

        var masterKey = configuration["SpeedUp:Security:MasterKeyPath"]!;
        if (File.Exists(masterKey))
        {
            SecretScan.Register((await File.ReadAllTextAsync(masterKey, cancellationToken)).Trim());
        }

        return new InProcessService(app, log, time, customerKey, operatorKey);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _log.Dispose();
        }
    }

    private static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
