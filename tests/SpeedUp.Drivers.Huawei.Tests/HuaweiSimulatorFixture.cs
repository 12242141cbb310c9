using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>
/// One China Telecom BRAS simulator (seed simulators/data/china-telecom.json) behind real OpenSSH sshd on
/// 127.0.0.1, shared by the integration tests of this folder. Needs root, sshd and socat; without them the
/// tests fail with the reason (scripts/setup.sh installs them).
/// </summary>
public sealed class HuaweiSimulatorFixture : IAsyncLifetime
{
    private BrasSimulator? _simulator;

    public BrasSimulator Simulator =>
        _simulator ?? throw new InvalidOperationException("The simulator did not start.");

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" ||
            !File.Exists(OpenSshFront.Sshd) || !File.Exists(OpenSshFront.Socat))
        {
            throw new InvalidOperationException(
                "The SSH integration tests need Linux, root, /usr/sbin/sshd and /usr/bin/socat: run scripts/setup.sh as root.");
        }

        _simulator = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SeedPath(), Ssh = new SshFrontOptions() },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>A supply channel pointing at the simulator; override the pin or password to provoke failures.</summary>
    public DeviceOptions Channel(string? hostKey = null, string? password = null, TimeSpan? timeout = null, int maxSessions = 2) => new()
    {
        Name = "ct-sim-ssh",
        Host = "127.0.0.1",
        Port = Simulator.SshPort,
        Username = Simulator.SshUser,
        Secret = password ?? Simulator.SshPassword,
        HostKeySha256 = hostKey ?? Simulator.SshHostKeySha256,
        OperationTimeout = timeout ?? TimeSpan.FromSeconds(10),
        MaxSessions = maxSessions,
    };

    /// <summary>A driver through the factory, as the product creates it.</summary>
    public HuaweiCliDriver CreateDriver(string? hostKey = null, string? password = null, TimeSpan? timeout = null, int maxSessions = 2, ILoggerFactory? loggers = null) =>
        (HuaweiCliDriver)new HuaweiCliDriverFactory(loggers).Create(Channel(hostKey, password, timeout, maxSessions));

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";

    internal static string SeedPath()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "simulators", "data", "china-telecom.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("simulators/data/china-telecom.json was not found above " + AppContext.BaseDirectory);
    }
}
