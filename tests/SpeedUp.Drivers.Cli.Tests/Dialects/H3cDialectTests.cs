using System.Net;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Cli.Tests.Dialects;

/// <summary>
/// The third dialect, added as data only: drivers/dialects/h3c-comware.dialect.json (the driver) against a simulator
/// face described by drivers/dialects/h3c-comware.profile.json (the device), through real sshd.
/// </summary>
public sealed class H3cDialectTests : IAsyncLifetime
{
    private static readonly string DialectFile = Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "h3c-comware.dialect.json");
    private static readonly string ProfileFile = Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "h3c-comware.profile.json");
    private BrasSimulator? _simulator;
    private ISubscriberLineDriver? _driver;

    private BrasSimulator Simulator => _simulator!;

    private ISubscriberLineDriver Driver => _driver!;

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        RepositoryPaths.RequireTool(OpenSshFront.Sshd);
        RepositoryPaths.RequireTool(OpenSshFront.Socat);
        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            Hostname = "SC-H3C-BRAS-01",
            CliDialect = CliDialects.ProfilePrefix + ProfileFile,
            Ssh = new SshFrontOptions(),
        }, TestContext.Current.CancellationToken);
        _driver = CreateDriver(DialectFile, TimeSpan.FromSeconds(10));
    }

    /// <summary>A driver made from <paramref name="dialectFile"/> for this test's simulator, through its sshd.</summary>
    private ISubscriberLineDriver CreateDriver(string dialectFile, TimeSpan operationTimeout) =>
        new DialectCliDriverFactory(DialectLoader.LoadFile(dialectFile)).Create(new DeviceOptions
        {
            Name = "ct-sc-h3c",
            Host = "127.0.0.1",
            Port = Simulator.SshPort,
            Username = Simulator.SshUser,
            Secret = Simulator.SshPassword,
            HostKeySha256 = Simulator.SshHostKeySha256,
            OperationTimeout = operationTimeout,
        });

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
    }

    [Fact]
    public async Task FindLineAsyncAndSetRateAsync_H3cFace_FindReadSetAndRestoreALine()
    {
        var found = await Driver.FindLineAsync(IPAddress.Parse("202.101.172.100"), 2500, Ct);
        Assert.NotNull(found);
        Assert.Equal("zj0571a0004", found.Account);
        Assert.Null(await Driver.FindLineAsync(IPAddress.Parse("202.101.172.100"), 5000, Ct));

        var reference = new LineReference(found.BandId, found.Account);
        var raised = await Driver.SetRateAsync(reference, Direction.Down, 200000, Ct);
        Assert.Equal(200000, raised.DownKbps);
        Assert.Equal(200000, Simulator.State.FindByAccount("zj0571a0004")!.DownKbps);
        var restored = await Driver.SetRateAsync(reference, Direction.Down, found.Current.DownKbps, Ct);
        Assert.Equal(found.Current, restored);
        Assert.True(Simulator.State.FindByAccount("zj0571a0004")!.AtBaseRates);
        Assert.Contains(Simulator.State.AuditLog, e => e.Command == "user-rate username zj0571a0004 outbound cir 200000" && e.Outcome == "applied");
    }

    [Fact]
    public async Task SetRateAsyncAndReadLineAsync_DeviceRefusals_MapToTheContractsFailures()
    {
        var line = Simulator.State.FindByAccount("zj0571a0001")!;

        var tooFast = await Assert.ThrowsAsync<DriverException>(() => Driver.SetRateAsync(new LineReference(line.BandId, line.Account), Direction.Down, 900000, Ct));
        var unknown = await Assert.ThrowsAsync<DriverException>(() => Driver.ReadLineAsync(new LineReference(line.BandId, "nobody"), Ct));
        var injected = await Assert.ThrowsAsync<DriverException>(() => Driver.ReadLineAsync(new LineReference(line.BandId, "zj0571a0001 return"), Ct));

        Assert.Equal(DriverFailure.Rejected, tooFast.Failure);
        Assert.Contains("exceeds the line capability", tooFast.Message, StringComparison.Ordinal);
        Assert.Equal(DriverFailure.LineNotFound, unknown.Failure);
        Assert.Equal(DriverFailure.InvalidValue, injected.Failure);
        Assert.True(Simulator.State.FindByAccount("zj0571a0001")!.AtBaseRates);
    }

    [Fact]
    public async Task FindLineAsync_WrongExecPromptInTheDialectFile_ProtocolErrorPromptNotMatchedWithinSeconds()
    {
        // A copy of the dialect file whose exec prompt forgot the '<': the driver fails within seconds as a ProtocolError
        // saying "prompt not matched", not as a Timeout after the whole operation timeout.
        const string rightExec = "\"exec\": \"^<(?<host>[^\\\\s<>\\\\[\\\\]]{1,200})>[ \\\\t]*$\"";
        const string wrongExec = "\"exec\": \"^(?<host>[^\\\\s<>\\\\[\\\\]]{1,200})>[ \\\\t]*$\"";
        var json = await File.ReadAllTextAsync(DialectFile, Ct);
        Assert.Contains(rightExec, json, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("speedup-prompt-").FullName;
        try
        {
            var wrongFile = Path.Combine(folder, "h3c-comware.dialect.json");
            await File.WriteAllTextAsync(wrongFile, json.Replace(rightExec, wrongExec, StringComparison.Ordinal), Ct);
            var driver = CreateDriver(wrongFile, TimeSpan.FromSeconds(30));
            await using var owned = driver as IAsyncDisposable;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();

            var exception = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse("202.101.172.100"), 2500, Ct));

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            Assert.Equal(DriverFailure.ProtocolError, exception.Failure);
            Assert.StartsWith("Channel ct-sc-h3c: prompt not matched: after '(login)'", exception.Message, StringComparison.Ordinal);
            Assert.Contains("at the line '<SC-H3C-BRAS-01>'", exception.Message, StringComparison.Ordinal);
            Assert.Contains(@"exec '^(?<host>[^\s<>\[\]]{1,200})>[ \t]*$'", exception.Message, StringComparison.Ordinal);
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"failed after {elapsed.TotalSeconds:0.0} s; the operation timeout is 30 s");
            Assert.Empty(Simulator.Received.Since(0, CommandFace.Cli)); // not even the on-open command was sent
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
