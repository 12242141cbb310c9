using System.Net;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Protocols.Cli;
using static SpeedUp.Drivers.Huawei.Tests.HuaweiDriverHarness;

namespace SpeedUp.Drivers.Huawei.Tests;

public sealed class HuaweiCliDriverSessionTests
{
    private static readonly LineReference Line1 = new(330100001, "zj0571a0001");

    [Fact]
    public async Task Operation_SessionDiesMidCommand_ReconnectsOnceTransparently()
    {
        var device = new FakeHuaweiDevice { DropOn = "display access-user user-name zj0571a0001" };
        await using var driver = Create(device);

        var line = await driver.ReadLineAsync(Line1, Token);

        Assert.Equal(330100001, line.BandId);
        Assert.Equal(2, device.Sessions);
    }

    [Fact]
    public async Task Operation_SessionDroppedWhileIdle_NewSessionOpened()
    {
        var device = new FakeHuaweiDevice();
        var transports = new List<InMemoryTransport>();
        await using var driver = Create(() =>
        {
            var transport = device.CreateTransport();
            transports.Add(transport);
            return transport;
        });
        await driver.ReadLineAsync(Line1, Token);
        transports[0].Drop();

        var line = await driver.ReadLineAsync(Line1, Token);

        Assert.Equal(330100001, line.BandId);
        Assert.Equal(2, transports.Count);
    }

    [Fact]
    public async Task Operation_SessionDiesTwice_Unreachable()
    {
        var device = new FakeHuaweiDevice();
        await using var driver = Create(() =>
        {
            device.DropOn = "display access-user user-name zj0571a0001";
            return device.CreateTransport();
        });

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Line1, Token));

        Assert.Equal(DriverFailure.Unreachable, exception.Failure);
        Assert.True(exception.IsTransient);
        Assert.Equal(2, device.Sessions);
    }

    [Theory]
    [InlineData(CliFailure.Unreachable, DriverFailure.Unreachable)]
    [InlineData(CliFailure.Timeout, DriverFailure.Timeout)]
    [InlineData(CliFailure.AuthenticationFailed, DriverFailure.AuthenticationFailed)]
    [InlineData(CliFailure.HostKeyMismatch, DriverFailure.HostKeyMismatch)]
    public async Task Operation_OpenFails_MappedFailure(CliFailure cli, DriverFailure expected)
    {
        await using var driver = Create(() => new InMemoryTransport(_ => null, "") { OpenFailure = new CliException(cli, "cause") });

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Loopback, 1, Token));

        Assert.Equal(expected, exception.Failure);
        Assert.Contains("ct-test", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_DeviceSilent_TimeoutNamingPrompt()
    {
        var transport = new InMemoryTransport(input => input == "screen-length 0 temporary\r" ? "screen-length 0 temporary\r\n<BRAS>" : null, "<BRAS>");
        await using var driver = Create(() => transport, TimeSpan.FromMilliseconds(300));

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Line1, Token));

        Assert.Equal(DriverFailure.Timeout, exception.Failure);
        Assert.Contains("prompt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_CallerCancels_OperationCanceled()
    {
        var transport = new InMemoryTransport(input => input == "screen-length 0 temporary\r" ? "<BRAS>" : null, "<BRAS>");
        await using var driver = Create(() => transport);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadLineAsync(Line1, cancellation.Token));
    }

    [Fact]
    public async Task Probe_Unreachable_Unhealthy()
    {
        await using var driver = Create(() => new InMemoryTransport(_ => null, "") { OpenFailure = new CliException(CliFailure.Unreachable, "refused") });

        var health = await driver.ProbeAsync(Token);

        Assert.False(health.Healthy);
        Assert.StartsWith("Unreachable", health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ClosesSessionAndRefusesFurtherUse()
    {
        var device = new FakeHuaweiDevice();
        InMemoryTransport? transport = null;
        var driver = Create(() => transport = device.CreateTransport());
        await driver.ReadLineAsync(Line1, Token);

        await driver.DisposeAsync();

        Assert.False(transport!.IsConnected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ReadLineAsync(Line1, Token));
    }

    [Fact]
    public void Dialect_Prompts_MatchOddHostnames()
    {
        string[] prompts = ["<ZJ-HZ-ME60-X16_01>", "[~BRAS]", "[*BRAS-aaa]", "[BRAS-aaa]", "HRP_M<BRAS-01>", "<CT-BRAS-01>"];

        Assert.All(prompts, prompt => Assert.Matches(HuaweiVrpDialect.PromptPattern, prompt));
        Assert.DoesNotMatch(HuaweiVrpDialect.PromptPattern, "  User name : <BRAS>");
        Assert.DoesNotMatch(HuaweiVrpDialect.PromptPattern, "  ---- More ----");
    }
}
