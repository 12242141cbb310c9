using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace SpeedUp.OperatorConsole.Sessions;

/// <summary>
/// Locks a client address out of sign-in after <see cref="ConsoleOptions.MaxFailedSignIns"/> failures within
/// <see cref="ConsoleOptions.FailureWindow"/>, for <see cref="ConsoleOptions.LockoutDuration"/>: while locked, even the
/// right key is refused (so guessing cannot go on). A success clears the address's failures.
/// </summary>
internal sealed class SignInLockout(IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="address"/> is locked out now.</summary>
    public bool IsLockedOut(IPAddress? address)
    {
        if (!_byAddress.TryGetValue(Key(address), out var failures))
        {
            return false;
        }

        lock (failures)
        {
            return failures.LockedUntil is { } until && time.GetUtcNow() < until;
        }
    }

    /// <summary>Counts a failed sign-in from <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var failures = _byAddress.GetOrAdd(Key(address), _ => new Failures());
        lock (failures)
        {
            failures.Times.RemoveAll(t => now - t >= settings.FailureWindow);
            failures.Times.Add(now);
            if (failures.Times.Count >= settings.MaxFailedSignIns)
            {
                failures.LockedUntil = now + settings.LockoutDuration;
                failures.Times.Clear();
            }
        }

        Prune(now, settings);
    }

    /// <summary>Clears the failures of <paramref name="address"/> after a good sign-in.</summary>
    public void Succeeded(IPAddress? address) => _byAddress.TryRemove(Key(address), out _);

    private void Prune(DateTimeOffset now, ConsoleOptions settings)
    {
        foreach (var (key, failures) in _byAddress)
        {
            lock (failures)
            {
                var idle = failures.Times.Count == 0 || now - failures.Times[^1] >= settings.FailureWindow;
                if (idle && (failures.LockedUntil is null || now >= failures.LockedUntil))
                {
                    _byAddress.TryRemove(key, out _);
                }
            }
        }
    }

    private static string Key(IPAddress? address) => address?.IsIPv4MappedToIPv6 == true ? address.MapToIPv4().ToString() : address?.ToString() ?? "-";

    private sealed class Failures
    {
        public List<DateTimeOffset> Times { get; } = [];

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
