using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.OperatorConsole;
using SpeedUp.OperatorConsole.Sessions;

namespace SpeedUp.OperatorConsole.Tests.Sessions;

public sealed class SignInLockoutTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Operator = IPAddress.Parse("192.0.2.8");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    private SignInLockout Lockout() => new(Options.Create(new ConsoleOptions
    {
        MaxFailedSignIns = 5, FailureWindow = TimeSpan.FromMinutes(15), LockoutDuration = TimeSpan.FromMinutes(10),
    }), _time);

    [Fact]
    public void Failed_FiveTimesWithinTheWindow_LocksTheAddressOutForTheDuration()
    {
        var lockout = Lockout();
        for (var i = 0; i < 4; i++)
        {
            lockout.Failed(Attacker);
            Assert.False(lockout.IsLockedOut(Attacker));
        }

        lockout.Failed(Attacker);
        Assert.True(lockout.IsLockedOut(Attacker));
        Assert.False(lockout.IsLockedOut(Operator));

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(lockout.IsLockedOut(Attacker));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(lockout.IsLockedOut(Attacker));
    }

    [Fact]
    public void Failed_SpreadBeyondTheWindow_NeverLocks()
    {
        var lockout = Lockout();
        for (var i = 0; i < 10; i++)
        {
            lockout.Failed(Attacker);
            _time.Advance(TimeSpan.FromMinutes(4));
        }

        Assert.False(lockout.IsLockedOut(Attacker));
    }

    [Fact]
    public void Succeeded_ClearsEarlierFailures()
    {
        var lockout = Lockout();
        for (var i = 0; i < 4; i++)
        {
            lockout.Failed(Operator);
        }

        lockout.Succeeded(Operator);
        lockout.Failed(Operator);
        Assert.False(lockout.IsLockedOut(Operator));
    }

    [Fact]
    public void Failed_FromAnIpv4MappedAddress_CountsAsTheIpv4Address()
    {
        var lockout = Lockout();
        for (var i = 0; i < 5; i++)
        {
            lockout.Failed(i % 2 == 0 ? Attacker : Attacker.MapToIPv6());
        }

        Assert.True(lockout.IsLockedOut(Attacker));
    }
}
