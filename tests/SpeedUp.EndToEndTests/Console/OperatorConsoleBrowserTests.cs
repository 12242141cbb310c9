using System.Globalization;
using Broadband.SpeedUp.V1;
using Microsoft.Playwright;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests.Console;

/// <summary>
/// The operator console in a real browser (headless Chromium, Playwright) against the service as its own process on the
/// simulators: sign in with the operator key, read the channels table and probe one, find the session a customer
/// started with a hostile scene label (shown as text, no dialog), stop it and see the simulated line back at its plan,
/// the statistics chart, the keys (no secret shown), sign out. A screenshot of every page is written and its path printed.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class OperatorConsoleBrowserTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, down 100 Mbps
    private const string Account = "zj0571a0002";
    private const string FailingAddress = "202.101.172.35"; // Telecom Zhejiang, zj0571a0001
    private const string FailingAccount = "zj0571a0001";
    private const string HostileScene = "<img src=x onerror=alert(1)>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_InChromium_SignsInReadsTablesStopsASessionAndRendersHostileTextInert()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-console-{Guid.NewGuid():N}.db"), cancellationToken: Ct);
        var console = $"http://127.0.0.1:{service.AdminPort}";

        // A customer speeds the line up through the customer API, with a scene label an attacker chose.
        var bandId = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address }, cancellationToken: Ct)).BandId;
        await service.Client.OrderThirtyDayPackAsync(bandId, Direction.Down, 200, cancellationToken: Ct);
        var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = HostileScene,
        }, cancellationToken: Ct);
        Assert.Equal(200_000, networks.Telecom.State.FindByAccount(Account)!.DownKbps);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ConsoleBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        // Not signed in: any page leads to the sign-in form.
        await page.GotoAsync(console + "/console/channels");
        Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "01-sign-in");
        await page.FillAsync("input[name=access_key_id]", service.OperatorKey.AccessKeyId);
        await page.FillAsync("input[name=access_key_secret]", service.OperatorKey.AccessKeySecret);
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.EndsWith("/console/channels", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(service.OperatorKey.AccessKeySecret, page.Url, StringComparison.Ordinal);
        Assert.Equal(service.OperatorKey.AccessKeyId, await page.InnerTextAsync("#who"));

        // Channels: both simulated carriers' channels, with health and circuit; probe one from the page.
        var channelNames = await page.Locator("#channels tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(["ct-huawei-ssh", "cu-zte-snmp"], channelNames.Order(StringComparer.Ordinal));
        var telecomRow = await page.Locator("#channels tbody tr", new() { HasText = "ct-huawei-ssh" }).InnerTextAsync();
        Assert.Contains("closed", telecomRow, StringComparison.Ordinal);
        await page.Locator("#channels tbody tr", new() { HasText = "ct-huawei-ssh" }).Locator("button:has-text('Probe')").ClickAsync();
        Assert.StartsWith("Probed ct-huawei-ssh: healthy", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#failovers").IsVisibleAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "02-channels");

        // Sessions: found by band id; the hostile scene is text, not markup, and nothing ran.
        await page.GotoAsync(console + "/console/sessions");
        await page.FillAsync("input[name=band_id]", bandId.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("button:has-text('Find')");
        var row = page.Locator("#sessions tbody tr", new() { HasText = started.Status.SessionId });
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(HostileScene, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#sessions img").CountAsync());
        await page.GotoAsync(console + $"/console/sessions?ip={Address}");
        Assert.Equal(1, await page.Locator("#sessions tbody tr", new() { HasText = started.Status.SessionId }).CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "03-sessions");

        // Stop it from the page: the simulated line is back at its plan.
        await page.Locator("#sessions tbody tr", new() { HasText = started.Status.SessionId }).Locator("button:has-text('Stop')").ClickAsync();
        var notice = await page.InnerTextAsync("#notice");
        Assert.Contains($"Stopped session {started.Status.SessionId}", notice, StringComparison.Ordinal);
        Assert.Contains("STOPPED_BY_OPERATOR", notice, StringComparison.Ordinal);
        Assert.True(networks.Telecom.State.FindByAccount(Account)!.AtBaseRates);
        Assert.Equal(100_000, networks.Telecom.State.FindByAccount(Account)!.DownKbps);
        Assert.Equal(0, await page.Locator("#sessions tbody tr", new() { HasText = started.Status.SessionId }).CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "04-sessions-stopped");

        // Statistics: this month's table and the chart of volume and success rate.
        await page.GotoAsync(console + "/console/statistics");
        await page.FillAsync("input[name=customer]", "demo");
        await page.ClickAsync("button:has-text('Show')");
        Assert.True(await page.Locator("svg#chart").IsVisibleAsync());
        Assert.True(await page.Locator("svg#chart rect.volume").CountAsync() >= 1);
        Assert.Equal(1, await page.Locator("svg#chart polyline.success-rate").CountAsync());
        Assert.True(await page.Locator("#statistics tbody tr").CountAsync() >= 1);
        await ConsoleBrowser.ScreenshotAsync(page, "05-statistics");

        // Access keys: listed, never a secret.
        await page.GotoAsync(console + "/console/keys");
        var keyIds = await page.Locator("#keys tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Contains("demo-key", keyIds);
        Assert.Contains("demo-operator", keyIds);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(service.OperatorKey.AccessKeySecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(service.CustomerKey.AccessKeySecret, html, StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "06-keys");

        // Recent failures: a start refused while the BRAS's SSH side was dark shows with its product code.
        var failingBand = (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = FailingAddress }, cancellationToken: Ct)).BandId;
        await service.Client.OrderThirtyDayPackAsync(failingBand, Direction.Down, 200, cancellationToken: Ct);
        await networks.Telecom.SetSshDarkAsync(true, Ct);
        try
        {
            await ProductError.AssertFailsAsync(
                () => service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
                {
                    IpAddress = FailingAddress, BandId = failingBand, Direction = Direction.Down, TargetBandwidthMbps = 200,
                }, cancellationToken: Ct),
                "isp.SYSTEM_ERROR", Grpc.Core.StatusCode.Unavailable);
        }
        finally
        {
            await networks.Telecom.SetSshDarkAsync(false, CancellationToken.None);
        }

        await page.GotoAsync(console + "/console/failures");
        await page.FillAsync("input[name=customer]", "demo");
        await page.ClickAsync("button:has-text('Show')");
        var failure = page.Locator("#failures tbody tr", new() { HasText = FailingAccount });
        Assert.Equal(1, await failure.CountAsync());
        Assert.Contains("isp.SYSTEM_ERROR", await failure.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleBrowser.ScreenshotAsync(page, "07-failures");

        // No script ran anywhere; signing out ends the session.
        Assert.Empty(dialogs);
        await page.ClickAsync("button:has-text('Sign out')");
        Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.GotoAsync(console + "/console/sessions");
        Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
    }
}
