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
        var factory = new DialectCliDriverFactory(DialectLoader.LoadFile(DialectFile));
        _driver = factory.Create(new DeviceOptions
        {
            Name = "ct-sc-h3c",
            Host = "127.0.0.1",
            Port = Simulator.SshPort,
            Username = Simulator.SshUser,
            Secret = Simulator.SshPassword,
            HostKeySha256 = Simulator.SshHostKeySha256,
            OperationTimeout = TimeSpan.FromSeconds(10),
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
}
