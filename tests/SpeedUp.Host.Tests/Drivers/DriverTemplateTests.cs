extern alias host;

using System.Diagnostics;
using SpeedUp.Drivers;
using SpeedUp.Testing;
using host::SpeedUp.Host.Drivers;

namespace SpeedUp.Host.Tests.Drivers;

/// <summary>The <c>dotnet new speedup-driver</c> template (templates/speedup-driver) gives a project that builds and is found as a plugin.</summary>
public sealed class DriverTemplateTests : IDisposable
{
    private readonly string _work = Path.Combine(RepositoryPaths.Root, ".run", "template-check", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task DotnetNewSpeedupDriver_NewProject_BuildsUnderRepositoryRulesAndLoadsAsPlugin()
    {
        var hive = Path.Combine(_work, "hive");
        var project = Path.Combine(_work, "drivers", "SpeedUp.Drivers.Acme");
        var sdk = Path.GetRelativePath(project, Path.Combine(RepositoryPaths.Root, "src", "SpeedUp.Drivers.Sdk", "SpeedUp.Drivers.Sdk.csproj"));

        await DotnetAsync(_work, "new", "install", Path.Combine(RepositoryPaths.Root, "templates", "speedup-driver"), "--debug:custom-hive", hive);
        await DotnetAsync(_work, "new", "speedup-driver", "-n", "SpeedUp.Drivers.Acme", "-o", project, "--driverName", "acme-cli", "--sdkProject", sdk, "--debug:custom-hive", hive);
        await DotnetAsync(project, "build", "-c", "Debug", "-o", Path.Combine(_work, "plugins", "SpeedUp.Drivers.Acme"));

        var factory = Assert.Single(DriverDiscovery.Plugins(Path.Combine(_work, "plugins")).SelectMany(DriverDiscovery.FactoryTypes));
        var instance = (ISubscriberLineDriverFactory)Activator.CreateInstance(factory)!;
        Assert.Equal("acme-cli", instance.DriverName);
        var driver = instance.Create(new DeviceOptions { Name = "acme", Host = "127.0.0.1" });
        var health = await driver.ProbeAsync(TestContext.Current.CancellationToken);
        Assert.False(health.Healthy);
        Assert.Contains("acme-cli is not written yet", health.Detail, StringComparison.Ordinal);
    }

    private static async Task DotnetAsync(string directory, params string[] args)
    {
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
