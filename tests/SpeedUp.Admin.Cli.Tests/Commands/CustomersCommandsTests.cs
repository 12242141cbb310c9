using System.Globalization;
using SpeedUp.Admin.Cli.Tests.Support;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Admin.Cli.Tests.Commands;

/// <summary><c>customers create|show|top-up|bill|settle</c> against the service in process.</summary>
[Collection(CliHostCollection.Name)]
public sealed class CustomersCommandsTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-admin-cli-customers-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Customer_CreateTopUpShowBill_KeepsTheBalanceAndPreviewsTheMonth()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var created = await cli.RunAsync("customers", "create", "acme", "--name", "Acme Broadband Apps", "--balance", "100.00", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(("acme", "Acme Broadband Apps", true), (created.Json.GetProperty("id").GetString(), created.Json.GetProperty("name").GetString(),
            created.Json.GetProperty("subscribed").GetBoolean()));

        var toppedUp = await cli.RunAsync("customers", "top-up", "acme", "50.5", "-o", "json");
        Assert.Equal(0, toppedUp.ExitCode);
        Assert.Equal(150.5m, decimal.Parse(toppedUp.Json.GetProperty("balance").GetString()!, CultureInfo.InvariantCulture));

        var shown = await cli.RunAsync("customers", "show", "acme");
        Assert.Equal(0, shown.ExitCode);
        Assert.Matches(@"(?m)^balance:\s+150\.50*\s+CNY$", shown.Out);
        Assert.Matches(@"(?m)^subscribed:\s+yes$", shown.Out);

        var month = service.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var bill = await cli.RunAsync("customers", "bill", "acme", "--month", month, "-o", "json");
        Assert.True(bill.ExitCode == 0, bill.ToString());
        Assert.Equal(("acme", month, false), (bill.Json.GetProperty("customerId").GetString(), bill.Json.GetProperty("month").GetString(),
            bill.Json.GetProperty("settled").GetBoolean()));
        Assert.Equal(0m, decimal.Parse(bill.Json.GetProperty("total").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Customer_Unsubscribed_IsRefusedTheProductUntilSubscribedAgain()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var off = await cli.RunAsync("customers", "unsubscribe", "demo", "-o", "json");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.False(off.Json.GetProperty("subscribed").GetBoolean());
        await ProductError.AssertFailsAsync(() => service.Client.PrecheckAsync(new Broadband.SpeedUp.V1.PrecheckRequest { IpAddress = "202.101.172.35" }),
            "isv.PRODUCT_UNSUBSCRIBE", Grpc.Core.StatusCode.PermissionDenied);

        var on = await cli.RunAsync("customers", "subscribe", "demo");
        Assert.Equal(0, on.ExitCode);
        Assert.Matches(@"(?m)^subscribed:\s+yes$", on.Out);
        Assert.True((await service.Client.PrecheckAsync(new Broadband.SpeedUp.V1.PrecheckRequest { IpAddress = "202.101.172.35" })).BandId > 0);
    }

    [Fact]
    public async Task Customer_BadInput_IsRefusedWithTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        using var cli = CliRunner.For(service);

        var negative = await cli.RunAsync("customers", "top-up", "demo", "-5", "-o", "json");
        var unknown = await cli.RunAsync("customers", "show", "nobody");
        var twice = await cli.RunAsync("customers", "create", "demo", "--name", "again");
        var notOver = await cli.RunAsync("customers", "settle", "--month", "2099-12");

        Assert.Equal((1, "isv.INVALID_PARAMETERS", "INVALID_ARGUMENT"),
            (negative.ExitCode, negative.ErrorJson.GetProperty("productCode").GetString(), negative.ErrorJson.GetProperty("status").GetString()));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("status NOT_FOUND · product code isv.INVALID_PARAMETERS", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("status ALREADY_EXISTS", twice.Error, StringComparison.Ordinal);
        Assert.Equal(1, notOver.ExitCode);
        Assert.Contains("action CustomerAdmin/RunSettlement", notOver.Error, StringComparison.Ordinal);
    }
}
