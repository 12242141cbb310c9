using System.Diagnostics;
using System.Net;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Cli.Tests.Dialects;

/// <summary>
/// A dialect file with a wrong <c>prompts.exec</c> (a copy of drivers/dialects/h3c-comware.dialect.json whose exec
/// prompt forgot the '&lt;') against the H3C simulator face through real sshd: the driver fails within seconds as a
/// ProtocolError saying "prompt not matched", not as a Timeout after the whole operation timeout.
/// </summary>
public sealed class PromptMismatchDriverTests : IAsyncLifetime
{
    private const string RightExec = "\"exec\": \"^<(?<host>[^\\\\s<>\\\\[\\\\]]{1,200})>[ \\\\t]*$\"";
    private const string WrongExec = "\"exec\": \"^(?<host>[^\\\\s<>\\\\[\\\\]]{1,200})>[ \\\\t]*$\"";
    private static readonly string DialectFile = Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "h3c-comware.dialect.json");
    private static readonly string ProfileFile = Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "h3c-comware.profile.json");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "speedup-prompt-" + Guid.NewGuid().ToString("N"));
    private BrasSimulator? _simulator;
    private ISubscriberLineDriver? _driver;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        RepositoryPaths.RequireTool(OpenSshFront.Sshd);
        RepositoryPaths.RequireTool(OpenSshFront.Socat);
        var json = await File.ReadAllTextAsync(DialectFile, Ct);
        Assert.Contains(RightExec, json, StringComparison.Ordinal);
        Directory.CreateDirectory(_folder);
        var wrongFile = Path.Combine(_folder, "h3c-comware.dialect.json");
        await File.WriteAllTextAsync(wrongFile, json.Replace(RightExec, WrongExec, StringComparison.Ordinal), Ct);

        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            Hostname = "SC-H3C-BRAS-01",
            CliDialect = CliDialects.ProfilePrefix + ProfileFile,
            Ssh = new SshFrontOptions(),
        }, Ct);
        _driver = new DialectCliDriverFactory(DialectLoader.LoadFile(wrongFile)).Create(new DeviceOptions
        {
            Name = "ct-sc-h3c",
            Host = "127.0.0.1",
            Port = _simulator.SshPort,
            Username = _simulator.SshUser,
            Secret = _simulator.SshPassword,
            HostKeySha256 = _simulator.SshHostKeySha256,
            OperationTimeout = TimeSpan.FromSeconds(30),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_driver is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task FindLineAsync_WrongExecPromptInTheDialectFile_ProtocolErrorPromptNotMatchedWithinSeconds()
    {
        var started = Stopwatch.GetTimestamp();

        var exception = await Assert.ThrowsAsync<DriverException>(() => _driver!.FindLineAsync(IPAddress.Parse("202.101.172.100"), 2500, Ct));

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(DriverFailure.ProtocolError, exception.Failure);
        Assert.StartsWith("Channel ct-sc-h3c: prompt not matched: after '(login)'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at the line '<SC-H3C-BRAS-01>'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(@"exec '^(?<host>[^\s<>\[\]]{1,200})>[ \t]*$'", exception.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"failed after {elapsed.TotalSeconds:0.0} s; the operation timeout is 30 s");
        Assert.Empty(_simulator!.Received.Since(0, CommandFace.Cli)); // not even the on-open command was sent
    }
}
