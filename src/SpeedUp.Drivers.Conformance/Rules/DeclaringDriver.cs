using System.Collections.Concurrent;
using System.Net;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// Wraps the driver under test for one check: before each call it notes what the driver declares that call may send
/// (<see cref="DeclaredTraffic.Of"/>), then calls it unchanged. The check then compares the equipment's received lines
/// and requests with the notes (CK14).
/// </summary>
internal sealed class DeclaringDriver(ISubscriberLineDriver inner, ConcurrentBag<string> declared, Action undeclaring)
    : ISubscriberLineDriver, IAsyncDisposable
{
    public ISubscriberLineDriver Inner { get; } = inner;

    public string ChannelName => Inner.ChannelName;

    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        Declare(DeclaredTraffic.FindLine(ipAddress, port));
        return Inner.FindLineAsync(ipAddress, port, cancellationToken);
    }

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        Declare(DeclaredTraffic.ReadLine(line));
        return Inner.ReadLineAsync(line, cancellationToken);
    }

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        Declare(DeclaredTraffic.SetRate(line, direction, rateKbps));
        return Inner.SetRateAsync(line, direction, rateKbps, cancellationToken);
    }

    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        Declare(DeclaredTraffic.Probe);
        return Inner.ProbeAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        switch (Inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private void Declare(DriverOperation operation)
    {
        // Values the driver accepts nowhere (null address, undefined direction) are the driver's to refuse: declare nothing.
        IReadOnlyList<string>? steps;
        try
        {
            steps = DeclaredTraffic.Of(Inner, operation);
        }
        catch (Exception exception) when (exception is ArgumentException or DriverException)
        {
            steps = [];
        }
        catch (NotSupportedException)
        {
            steps = null;
        }

        if (steps is null)
        {
            undeclaring();
            return;
        }

        foreach (var step in steps)
        {
            declared.Add(step);
        }
    }
}
