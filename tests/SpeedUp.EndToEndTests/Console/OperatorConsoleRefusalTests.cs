using System.Net;
using System.Text.RegularExpressions;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests.Console;

/// <summary>
/// What the operator console refuses, over plain HTTP against the service as its own process: a wrong key, a customer
/// key, a POST without a session or without its antiforgery token, a sign-in without a token, repeated bad sign-ins
/// (the address is locked out, even for the right key); and what every response carries (CSP, no secret).
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed partial class OperatorConsoleRefusalTests(SimulatedNetworks networks)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_RefusesWithoutSessionTokenOrRightKey_AndLocksOutAfterRepeatedFailures()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-console-refusals-{Guid.NewGuid():N}.db"), cancellationToken: Ct);
        var console = new Uri($"http://127.0.0.1:{service.AdminPort}");
        using var browser = Client(console);

        // No session: GET goes to sign-in, POST is 401; headers are the console's.
        using (var page = await browser.GetAsync("/console/sessions", Ct))
        {
            Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
            Assert.Equal("/console/sign-in", page.Headers.Location?.ToString());
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using (var stop = await browser.PostAsync("/console/sessions/stop", Form(("session_id", "x")), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stop.StatusCode);
        }

        // A sign-in without the antiforgery token is refused before the key is looked at.
        using (var noToken = await browser.PostAsync("/console/sign-in", Form(("access_key_id", service.OperatorKey.AccessKeyId), ("access_key_secret", service.OperatorKey.AccessKeySecret)), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }

        // A customer key is no operator key; a wrong secret is refused; neither echoes the secret.
        var token = await SignInTokenAsync(browser);
        using (var customer = await browser.PostAsync("/console/sign-in", Form(("__csrf", token), ("access_key_id", service.CustomerKey.AccessKeyId), ("access_key_secret", service.CustomerKey.AccessKeySecret)), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);
            Assert.DoesNotContain(service.CustomerKey.AccessKeySecret, await customer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Signed in: a POST without the token, or with another form's token from a different cookie, is 400 and stops nothing.
        await SignInAsync(browser, service);
        using (var page = await browser.GetAsync("/console/channels", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain(service.OperatorKey.AccessKeySecret, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var noCsrf = await browser.PostAsync("/console/channels/probe", Form(("name", "ct-huawei-ssh")), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noCsrf.StatusCode);
        }

        using (var forged = await browser.PostAsync("/console/channels/probe", Form(("__csrf", "forged-token"), ("name", "ct-huawei-ssh")), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using var other = Client(console);
        var otherToken = await SignInTokenAsync(other);
        using (var foreign = await browser.PostAsync("/console/channels/probe", Form(("__csrf", otherToken), ("name", "ct-huawei-ssh")), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }

        // The console is the admin listener's only: the gRPC port never serves it.
        using (var grpcPort = new HttpClient { BaseAddress = service.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact })
        using (var onGrpc = await grpcPort.GetAsync("/console/sign-in", Ct))
        {
            Assert.NotEqual(HttpStatusCode.OK, onGrpc.StatusCode);
        }

        // A key's grants decide what the console may do: one granted only to read sees the refusals, with product code, on the page.
        var reader = await service.Keys.CreateAccessKeyAsync(new Broadband.SpeedUp.Admin.V1.CreateAccessKeyRequest
        {
            Actions = { "ChannelAdmin/ListChannels", "SessionAdmin/ListSessions" }, Description = "console read-only",
        }, cancellationToken: Ct);
        SecretScan.Register(reader.AccessKeySecret);
        using (var readOnly = Client(console))
        {
            using (var signedIn = await readOnly.PostAsync("/console/sign-in",
                Form(("__csrf", await SignInTokenAsync(readOnly)), ("access_key_id", reader.Key.AccessKeyId), ("access_key_secret", reader.AccessKeySecret)), Ct))
            {
                Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
            }

            var sessionsPage = await readOnly.GetStringAsync("/console/sessions", Ct);
            Assert.Contains("id=\"sessions\"", sessionsPage, StringComparison.Ordinal);
            var pageToken = WebUtility.HtmlDecode(TokenField().Match(sessionsPage).Groups[1].Value);
            using (var stop = await readOnly.PostAsync("/console/sessions/stop", Form(("__csrf", pageToken), ("session_id", "no-such-session"), ("reason", "test")), Ct))
            {
                Assert.Equal(HttpStatusCode.SeeOther, stop.StatusCode);
            }

            var refused = await readOnly.GetStringAsync("/console/sessions", Ct);
            Assert.Contains("Refused: PermissionDenied", refused, StringComparison.Ordinal);
            Assert.Contains("isp.RAM_PERMISSION_DENY", refused, StringComparison.Ordinal);
            var keysPage = await readOnly.GetStringAsync("/console/keys", Ct);
            Assert.Contains("id=\"error\"", keysPage, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"keys\"", keysPage, StringComparison.Ordinal);
        }

        // Repeated bad sign-ins lock the address out: then even the right key is refused (429).
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.PostAsync("/console/sign-in", Form(("__csrf", await SignInTokenAsync(browser)), ("access_key_id", service.OperatorKey.AccessKeyId), ("access_key_secret", "wrong-secret-" + i)), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await browser.PostAsync("/console/sign-in", Form(("__csrf", await SignInTokenAsync(browser)), ("access_key_id", service.OperatorKey.AccessKeyId), ("access_key_secret", service.OperatorKey.AccessKeySecret)), Ct);
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // The process's output is read asynchronously: wait for the line rather than race it.
        var output = await service.WaitForOutputAsync("Console sign-in from 127.0.0.1 refused: locked out", Ct);
        Assert.DoesNotContain(service.OperatorKey.AccessKeySecret, output, StringComparison.Ordinal);
    }

    private static HttpClient Client(Uri console) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = console };

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<string> SignInTokenAsync(HttpClient browser)
    {
        var html = await browser.GetStringAsync("/console/sign-in", Ct);
        return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
    }

    private static async Task SignInAsync(HttpClient browser, ServiceProcess service)
    {
        using var signedIn = await browser.PostAsync("/console/sign-in",
            Form(("__csrf", await SignInTokenAsync(browser)), ("access_key_id", service.OperatorKey.AccessKeyId), ("access_key_secret", service.OperatorKey.AccessKeySecret)), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/console/channels", signedIn.Headers.Location?.ToString());
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("speedup-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
