using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Admin.Cli.Tests.Support;

namespace SpeedUp.Admin.Cli.Tests.Calls;

/// <summary>How a call ends when the service does not answer: the tool's own deadline (<c>--timeout</c>, on its clock) or a refused connection.</summary>
public sealed class CommandRunnerTests
{
    private const string Secret = "s3cr3t-for-the-cli-tests-0123456789abcdef";

    [Fact]
    public async Task Call_ToAServiceThatNeverAnswers_TimesOutOnTheToolsClock()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel's backlog) and never speaks
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cli = new CliRunner(uri => GrpcChannel.ForAddress(uri), time);
        cli.UseKey("ops-1", Secret);

        var run = cli.RunAsync("keys", "list", "--address", address.ToString(), "--timeout", "5");
        var started = Stopwatch.GetTimestamp();
        while (!run.IsCompleted && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(run, Task.Delay(20, TestContext.Current.CancellationToken));
        }

        var result = await run;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AccessKeyAdmin/ListAccessKeys timed out: no answer within 5 s (--timeout)", result.Error, StringComparison.Ordinal);
        Assert.Contains("status DEADLINE_EXCEEDED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ToAnAddressNobodyListensOn_SaysTheServiceCouldNotBeReached()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var cli = new CliRunner(uri => GrpcChannel.ForAddress(uri), TimeProvider.System);
        cli.UseKey("ops-1", Secret);

        var result = await cli.RunAsync("channels", "list", "--address", $"http://127.0.0.1:{port}", "-o", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(("UNAVAILABLE", "none", "ops-1"), (result.ErrorJson.GetProperty("status").GetString(), result.ErrorJson.GetProperty("productCode").GetString(),
            result.ErrorJson.GetProperty("accessKeyId").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    public async Task Timeout_OutOfRange_IsAUsageError(string seconds)
    {
        using var cli = CliRunner.Offline();
        cli.UseKey("ops-1", Secret);

        var result = await cli.RunAsync("keys", "list", "--timeout", seconds);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout must be 1..3600 seconds.", result.Error, StringComparison.Ordinal);
    }
}
