using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa.Tests;

/// <summary>
/// <see cref="CoaDriver"/> against a NAS in this process (<see cref="FakeNas"/>, our RadiusServer on loopback): what a
/// CoA-Request carries, how ACK and NAK map to the driver contract, the read-back, timeouts on a fake clock, and that
/// nothing leaves the driver when a value is invalid.
/// </summary>
public sealed class CoaDriverTests : IAsyncLifetime
{
    private static readonly LineReference Line = new(330100001, "zj0571a0001");
    private FakeNas _nas = null!;
    private HuaweiCoaDriverFactory _factory = null!;
    private FakeTimeProvider _time = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _nas = new FakeNas();
        _time = new FakeTimeProvider();
        _factory = new HuaweiCoaDriverFactory(services: _nas.Reads.Services, timeProvider: _time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _nas.DisposeAsync();
    }

    [Fact]
    public async Task SetRate_Ack_SendsUserNameAndRateInBitsWithMessageAuthenticator_ReturnsReadBack()
    {
        var driver = _factory.Create(_nas.Channel());

        var rates = await driver.SetRateAsync(Line, Direction.Down, 200_000, Ct);

        Assert.Equal(new LineRates(4000, 200_000), rates);
        var request = Assert.Single(_nas.Received);
        Assert.Equal(RadiusCode.CoaRequest, request.Code);
        Assert.Equal("COA User-Name=\"zj0571a0001\" Huawei-Output-Average-Rate=200000000", RadiusRequestText.Format(request.Code, request.Attributes, _nas.Dictionary));
        Assert.NotNull(request.Find(RadiusAttributeTypes.MessageAuthenticator));
    }

    [Fact]
    public async Task SetRate_Nak503_LineNotFound()
    {
        _nas.Answer = _ => RadiusReply.Nak(RadiusErrorCause.SessionContextNotFound);
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Up, 8000, Ct));

        Assert.Equal(DriverFailure.LineNotFound, e.Failure);
        Assert.Equal(0, _nas.Reads.Reads);
    }

    [Theory]
    [InlineData(RadiusErrorCause.InvalidAttributeValue)]
    [InlineData(RadiusErrorCause.SessionContextNotRemovable)]
    public async Task SetRate_NakAboutTheLine_Rejected_NotAChannelFault(RadiusErrorCause cause)
    {
        _nas.Answer = _ => RadiusReply.Nak(cause);
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Up, 8000, Ct));

        Assert.Equal(DriverFailure.Rejected, e.Failure);
        Assert.False(e.IsChannelFault);
        Assert.Equal(4000, _nas.Reads.RatesOf(Line.Account).UpKbps);
    }

    [Fact]
    public async Task SetRate_Nak506ResourcesUnavailable_TransientChannelFault()
    {
        _nas.Answer = _ => RadiusReply.Nak(RadiusErrorCause.ResourcesUnavailable);
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Up, 8000, Ct));

        Assert.Equal(DriverFailure.Unreachable, e.Failure);
        Assert.True(e.IsChannelFault);
        Assert.True(e.IsTransient);
        Assert.Contains("cannot take changes now", e.Message, StringComparison.Ordinal);
        Assert.Equal(4000, _nas.Reads.RatesOf(Line.Account).UpKbps);
    }

    [Theory]
    [InlineData(RadiusErrorCause.UnsupportedAttribute)]
    [InlineData(RadiusErrorCause.MissingAttribute)]
    [InlineData(RadiusErrorCause.InvalidRequest)]
    [InlineData(RadiusErrorCause.UnsupportedExtension)]
    [InlineData(RadiusErrorCause.AdministrativelyProhibited)]
    [InlineData(null)]
    public async Task SetRate_NakAboutTheRequest_ProtocolError_AChannelFaultNotRetried(RadiusErrorCause? cause)
    {
        _nas.Answer = _ => RadiusReply.Nak(cause);
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Up, 8000, Ct));

        Assert.Equal(DriverFailure.ProtocolError, e.Failure);
        Assert.True(e.IsChannelFault);
        Assert.False(e.IsTransient);
        Assert.Single(_nas.Received);
        Assert.Equal(4000, _nas.Reads.RatesOf(Line.Account).UpKbps);
    }

    [Fact]
    public async Task SetRate_NoAnswer_TimeoutAfterAttemptsOnTheFakeClock()
    {
        _nas.Answer = _ => RadiusReply.Drop;
        var driver = _factory.Create(_nas.Channel(attemptTimeout: TimeSpan.FromSeconds(2)));

        var set = driver.SetRateAsync(Line, Direction.Down, 100_000, Ct);
        await _nas.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await AdvanceUntilDoneAsync(set, TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<DriverException>(() => set);

        Assert.Equal(DriverFailure.Timeout, e.Failure);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task SetRate_AckButReadBackShowsOtherRate_NotConfirmed()
    {
        _nas.Reads.Lie = new LineRates(4000, 50_000);
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Down, 150_000, Ct));

        Assert.Equal(DriverFailure.NotConfirmed, e.Failure);
        Assert.Contains("reads 50000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRate_WrongSecret_NoAnswerIsTimeout_SecretNeverInMessage()
    {
        var channel = _nas.Channel(attemptTimeout: TimeSpan.FromSeconds(1));
        channel.Coa.Secret = "wrong-secret-Zz9";
        var driver = _factory.Create(channel);

        var set = driver.SetRateAsync(Line, Direction.Down, 100_000, Ct);
        await AdvanceUntilDoneAsync(set, TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<DriverException>(() => set);

        Assert.Equal(DriverFailure.Timeout, e.Failure);
        Assert.DoesNotContain("wrong-secret-Zz9", e.ToString(), StringComparison.Ordinal);
        Assert.Empty(_nas.Received);
    }

    [Theory]
    [InlineData(330100001, "zj0571a0001; reboot", Direction.Down, 100_000)]
    [InlineData(330100001, "zj0571\r\na0001", Direction.Down, 100_000)]
    [InlineData(330100001, "", Direction.Down, 100_000)]
    [InlineData(0, "zj0571a0001", Direction.Down, 100_000)]
    [InlineData(330100001, "zj0571a0001", Direction.Down, 63)]
    [InlineData(330100001, "zj0571a0001", Direction.Up, 4_294_968)]
    [InlineData(330100001, "zj0571a0001", (Direction)99, 100_000)]
    public async Task SetRate_InvalidValue_NothingSent(long bandId, string account, Direction direction, long kbps)
    {
        var driver = _factory.Create(_nas.Channel());

        var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(new LineReference(bandId, account), direction, kbps, Ct));

        Assert.Equal(DriverFailure.InvalidValue, e.Failure);
        Assert.Empty(_nas.Received);
        Assert.Equal(0, _nas.Reads.Reads);
    }

    [Fact]
    public async Task SetRate_LiveDevicesBlocked_NonLoopbackCoaHostUnreachable_NothingSent()
    {
        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var channel = _nas.Channel();
            channel.Coa.Host = "192.0.2.10";
            var driver = _factory.Create(channel);

            var e = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(Line, Direction.Down, 100_000, Ct));

            Assert.Equal(DriverFailure.Unreachable, e.Failure);
            Assert.Contains(LiveDeviceGuard.EnvironmentVariable, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public async Task SetRate_AlreadyCancelled_OperationCanceledAndNothingSent()
    {
        var driver = _factory.Create(_nas.Channel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.SetRateAsync(Line, Direction.Down, 100_000, new CancellationToken(true)));

        Assert.Empty(_nas.Received);
    }

    [Fact]
    public async Task ReadFindProbe_GoThroughTheReadFace()
    {
        var driver = _factory.Create(_nas.Channel());

        var line = await driver.ReadLineAsync(Line, Ct);
        var found = await driver.FindLineAsync(System.Net.IPAddress.Parse("202.101.172.35"), 443, Ct);
        var health = await driver.ProbeAsync(Ct);

        Assert.Equal(50_000, line.Current.DownKbps);
        Assert.Equal(Line, found!.Reference);
        Assert.Equal("fake up", health.Detail);
        Assert.Empty(_nas.Received);
    }

    [Fact]
    public void Render_SetRate_CoaStepInDriverNotationThenReadBack_NothingSent()
    {
        var driver = (IDriverDryRun)_factory.Create(_nas.Channel());

        var plan = driver.Render(new DriverOperation(DriverOperationKind.SetRate, Line: Line, Direction: Direction.Up, RateKbps: 12_000));

        Assert.Equal(["COA User-Name=\"zj0571a0001\" Huawei-Input-Average-Rate=12000000", "READ 330100001"], plan.Steps.Select(s => s.Send));
        Assert.StartsWith("radius-coa huawei + fake", plan.Protocol, StringComparison.Ordinal);
        Assert.Empty(_nas.Received);
    }

    [Fact]
    public void Render_InvalidRate_InvalidValue()
    {
        var driver = (IDriverDryRun)_factory.Create(_nas.Channel());

        var e = Assert.Throws<DriverException>(() => driver.Render(new DriverOperation(DriverOperationKind.SetRate, Line: Line, Direction: Direction.Up, RateKbps: 10)));

        Assert.Equal(DriverFailure.InvalidValue, e.Failure);
    }

    /// <summary>
    /// Moves the fake clock one attempt timeout at a time until <paramref name="operation"/> ends: the client arms its
    /// timer only after its datagram left, so a single early advance could come before the timer exists. At most 50 steps.
    /// </summary>
    private async Task AdvanceUntilDoneAsync(Task operation, TimeSpan step)
    {
        for (var i = 0; i < 50 && !operation.IsCompleted; i++)
        {
            await Task.WhenAny(operation, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, Ct));
            _time.Advance(step);
        }

        Assert.True(operation.IsCompleted, "the operation did not end after 50 attempt timeouts on the fake clock");
    }
}
