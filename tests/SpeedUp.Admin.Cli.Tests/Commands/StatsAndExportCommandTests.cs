using Broadband.SpeedUp.V1;
using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Commands;

/// <summary><c>stats</c> and <c>export</c> (StatisticsAdmin) against the service in process, after a speed-up of the demo customer.</summary>
[Collection(CliHostCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StatsAndExportCommandTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-stats-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StatsAndExport_OfACustomerWithOneSpeedUp_ShowTheDayAndTheDetailRow()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);
        try
        {
            var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address })).BandId;
            await service.Client.OrderThirtyDayPackAsync(bandId, Direction.Up, 20);
            await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest { IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20 });
            await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Address, BandId = bandId, Direction = Direction.Up });

            var table = await cli.RunAsync("stats", "demo");
            var json = await cli.RunAsync("stats", "demo", "--period", "this-month", "-o", "json");
            var file = Path.Combine(cli.Home, "demo.csv");
            var exported = await cli.RunAsync("export", "demo", "--file", file, "-o", "json");
            var printed = await cli.RunAsync("export", "demo");

            Assert.True(table.ExitCode == 0, table.ToString());
            Assert.Contains("demo: 1 speed-ups, 0 failed", table.Out, StringComparison.Ordinal);
            var today = json.Json.GetProperty("days").EnumerateArray().Last();
            Assert.Equal(("1", "1", "0"), (today.GetProperty("total").GetString(), today.GetProperty("successful").GetString(), today.GetProperty("failed").GetString()));
            Assert.True(exported.ExitCode == 0, exported.ToString());
            Assert.Equal(file, exported.Json.GetProperty("file").GetString());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            // The file as the service streams it (a UTF-8 BOM first, for spreadsheets), byte for byte on standard output too.
            var csv = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            Assert.StartsWith("\uFEFFdate,", csv, StringComparison.Ordinal);
            Assert.Equal(new FileInfo(file).Length, exported.Json.GetProperty("bytes").GetInt64());
            Assert.Contains("zj0571a0002", csv, StringComparison.Ordinal);
            Assert.Equal(csv, printed.Out);
        }
        finally
        {
            await networks.ResetTelecomAsync();
        }
    }

    [Fact]
    public async Task Stats_BadPeriodOrUnknownCustomer_IsRefused()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var badPeriod = await cli.RunAsync("stats", "demo", "--period", "yesterday");
        var tooLong = await cli.RunAsync("stats", "demo", "--period", "custom", "--from", "2026-01-01", "--to", "2026-03-01", "-o", "json");
        var unknown = await cli.RunAsync("export", "nobody");
        var unwritable = await cli.RunAsync("export", "demo", "--file", Path.Combine(cli.Home, "no-such-folder", "demo.csv"));

        Assert.Equal(2, badPeriod.ExitCode);
        Assert.Equal((1, "isv.INVALID_PARAMETERS", "INVALID_ARGUMENT"),
            (tooLong.ExitCode, tooLong.ErrorJson.GetProperty("productCode").GetString(), tooLong.ErrorJson.GetProperty("status").GetString()));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("action StatisticsAdmin/ExportCustomerDetails", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("status NOT_FOUND", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(unknown.Out);
        Assert.Equal(2, unwritable.ExitCode);
        Assert.Contains("cannot write " + Path.Combine(cli.Home, "no-such-folder", "demo.csv"), unwritable.Error, StringComparison.Ordinal);
    }
}
