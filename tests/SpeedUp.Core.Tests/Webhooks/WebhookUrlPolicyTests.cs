using SpeedUp.Core.Errors;
using SpeedUp.Core.Webhooks;
using Xunit;

namespace SpeedUp.Core.Tests.Webhooks;

public sealed class WebhookUrlPolicyTests
{
    private readonly FixedOptions<WebhookOptions> _options = new(new WebhookOptions { AllowedHosts = ["hooks.example.com", "*.customer.example", "127.0.0.1", "::1"] });

    private WebhookUrlPolicy Policy => new(_options);

    [Theory]
    [InlineData("https://hooks.example.com/speedup")]
    [InlineData("https://HOOKS.example.com:8443/a/b?c=d")]
    [InlineData("https://eu.customer.example/in")]
    [InlineData("https://a.b.customer.example/in")]
    [InlineData("https://127.0.0.1:9000/hook")]
    [InlineData("https://[::1]:9000/hook")]
    public void Check_AcceptableUrl_IsAccepted(string url)
    {
        Assert.Null(Policy.Check(url, out var uri));
        Assert.NotNull(uri);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("/relative/path", "not an absolute URL")]
    [InlineData("http://hooks.example.com/speedup", "must use https")]
    [InlineData("ftp://hooks.example.com/speedup", "must use https")]
    [InlineData("file:///etc/passwd", "must use https")]
    [InlineData("https://user:pass@hooks.example.com/speedup", "user name or password")]
    [InlineData("https://user@hooks.example.com/speedup", "user name or password")]
    [InlineData("https://hooks.example.com/speedup#frag", "fragment")]
    [InlineData("https://evil.example.com/speedup", "outside the allowed")]
    [InlineData("https://hooks.example.com.evil.net/speedup", "outside the allowed")]
    [InlineData("https://customer.example/in", "outside the allowed")]
    [InlineData("https://evilcustomer.example/in", "outside the allowed")]
    [InlineData("https://127.0.0.2/hook", "outside the allowed")]
    [InlineData("https://[::2]/hook", "outside the allowed")]
    [InlineData("https://hooks.example.com/a b", "white space")]
    [InlineData("https://hooks.example.com/\n", "white space")]
    public void Check_UnacceptableUrl_SaysWhy(string url, string why)
    {
        Assert.Contains(why, Policy.Check(url, out var uri), StringComparison.Ordinal);
        Assert.Null(uri);
    }

    [Fact]
    public void Check_OverlongUrl_IsRefused() =>
        Assert.Contains("longer than", Policy.Check("https://hooks.example.com/" + new string('a', WebhookUrlPolicy.MaxLength), out _), StringComparison.Ordinal);

    [Fact]
    public void Check_Http_OnlyWhenAllowed()
    {
        _options.CurrentValue = new WebhookOptions { AllowedHosts = ["127.0.0.1"], AllowHttp = true };
        Assert.Null(Policy.Check("http://127.0.0.1:8080/hook", out _));
        Assert.Null(Policy.Check("https://127.0.0.1:8443/hook", out _));
    }

    [Fact]
    public void Check_EmptyAllowList_RefusesEverySink() =>
        Assert.Contains("no webhook host is allowed",
            new WebhookUrlPolicy(new FixedOptions<WebhookOptions>(new WebhookOptions())).Check("https://hooks.example.com/", out _), StringComparison.Ordinal);

    [Fact]
    public void Require_Refused_IsInvalidParametersWithoutEchoingTheUrl()
    {
        var refused = Assert.Throws<SpeedUpException>(() => Policy.Require("https://user:s3cret@hooks.example.com/x"));
        Assert.Equal(ProductErrorCode.InvalidParameters, refused.Code);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hooks.example.com", true)]
    [InlineData("*.example.com", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("*", false)]
    [InlineData("*.com.", false)]
    [InlineData("", false)]
    [InlineData("https://hooks.example.com", false)]
    [InlineData("*.127.0.0.1", false)]
    public void IsHostPattern_TellsUsableEntries(string pattern, bool usable) => Assert.Equal(usable, WebhookUrlPolicy.IsHostPattern(pattern));

    [Fact]
    public void Validator_NamesTheKeys()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions
        {
            AllowedHosts = ["https://x"], MaxAttempts = 0, InitialBackoff = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(10), ClaimLease = TimeSpan.FromSeconds(5),
        });
        Assert.True(result.Failed);
        foreach (var key in new[] { "AllowedHosts:0", "MaxAttempts", "InitialBackoff", "ClaimLease" })
        {
            Assert.Contains($"SpeedUp:Webhooks:{key}", result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions { AllowedHosts = ["*.example.com"] }).Succeeded);
    }
}
