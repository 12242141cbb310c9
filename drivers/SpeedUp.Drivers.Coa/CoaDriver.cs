using System.Net;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Coa.Internal;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa;

/// <summary>
/// Drives a BRAS through RADIUS Change-of-Authorization (RFC 5176): a rate change is one CoA-Request carrying the
/// vendor's rate attribute (<see cref="CoaVendor"/>), sent with a Message-Authenticator and retransmitted by the
/// <see cref="RadiusClient"/>; finding, reading, the read-back after every change and the probe go through the same
/// BRAS's other face (<see cref="Reads"/>, an SSH CLI or SNMP driver). Every operation runs within the channel's
/// <see cref="DeviceOptions.OperationTimeout"/>.
/// </summary>
public sealed class CoaDriver : ISubscriberLineDriver, IDriverDryRun, IDriverConcurrency, IAsyncDisposable
{
    private readonly DeviceOptions _channel;
    private readonly CoaVendor _vendor;
    private readonly CoaRequestBuilder _requests;
    private readonly RadiusClient _client;
    private readonly RadiusSharedSecret _secret;
    private readonly CoaTarget _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal CoaDriver(DeviceOptions channel, CoaVendor vendor, ISubscriberLineDriver reads, RadiusClient client, RadiusSharedSecret secret, CoaTarget target, TimeProvider time, ILogger logger)
    {
        _time = time;
        _channel = channel;
        _vendor = vendor;
        _requests = new CoaRequestBuilder(vendor);
        Reads = reads;
        _client = client;
        _secret = secret;
        _target = target;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string ChannelName => _channel.Name;

    /// <summary>The driver of the BRAS's read face (<c>Coa:ReadDriver</c>).</summary>
    public ISubscriberLineDriver Reads { get; }

    /// <summary>Where CoA-Requests go, as configured (<c>host:port</c>).</summary>
    public string Target => _target.ToString();

    /// <inheritdoc/>
    public int MaxConcurrentOperations => Reads is IDriverConcurrency concurrency ? concurrency.MaxConcurrentOperations : 32;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        Reads.FindLineAsync(ipAddress, port, cancellationToken);

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        _requests.ValidateLine(line);
        return Reads.ReadLineAsync(line, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) => Reads.ProbeAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        _requests.ValidateLine(line);
        var rate = _requests.Rate(direction, rateKbps);
        cancellationToken.ThrowIfCancellationRequested();
        using var deadline = new CancellationTokenSource(_channel.OperationTimeout, _time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var address = _vendor.Session == CoaSession.FramedIpAddress ? (await Reads.ReadLineAsync(line, budget.Token).ConfigureAwait(false)).IpAddress : null;
            var endpoint = await _target.ResolveAsync(ChannelName, budget.Token).ConfigureAwait(false);
            var answer = await _client.SendAsync(endpoint, _secret, RadiusCode.CoaRequest, [_requests.Session(line, address), rate], budget.Token).ConfigureAwait(false);
            CoaAnswers.RequireAck(answer, ChannelName);
            var rates = (await Reads.ReadLineAsync(line, budget.Token).ConfigureAwait(false)).Current;
            if (rates.Of(direction) != rateKbps)
            {
                CoaDriverLog.NotConfirmed(_logger, ChannelName, line.BandId, direction, rateKbps, rates.Of(direction));
                throw new DriverException(DriverFailure.NotConfirmed,
                    "Channel " + ChannelName + ": the CoA was acknowledged but band id " + line.BandId + " reads " + rates.Of(direction) + " kbit/s "
                    + direction + ", not " + rateKbps + ".");
            }

            CoaDriverLog.RateSet(_logger, ChannelName, line.BandId, direction, rateKbps);
            return rates;
        }
        catch (Exception e) when (e is RadiusException or ArgumentException or System.Net.Sockets.SocketException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var failure = CoaAnswers.Translate(e, ChannelName, _channel.OperationTimeout);
            CoaDriverLog.SetFailed(_logger, ChannelName, failure.Failure, e);
            throw failure;
        }
    }

    /// <inheritdoc/>
    public DryRunPlan Render(DriverOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var reads = Reads as IDriverDryRun
            ?? throw new DriverException(DriverFailure.InvalidValue, "The read driver of channel " + ChannelName + " cannot show a dry run.");
        if (operation.Kind != DriverOperationKind.SetRate)
        {
            if (operation.Line is { } line)
            {
                _requests.ValidateLine(line);
            }

            return WithProtocol(reads.Render(operation), []);
        }

        var target = operation.Line ?? throw new DriverException(DriverFailure.InvalidValue, "SetRate needs a line (band id and account).");
        _requests.ValidateLine(target);
        var rate = _requests.Rate(operation.Direction, operation.RateKbps);
        var readLine = reads.Render(new DriverOperation(DriverOperationKind.ReadLine, Line: target));
        var steps = new List<DryRunStep>();
        RadiusAttribute session;
        if (_vendor.Session == CoaSession.FramedIpAddress)
        {
            steps.AddRange(readLine.Steps.Select(s => s with { Note = "the line's address for Framed-IP-Address: " + s.Note }));
            session = _requests.Session(target, IPAddress.Parse("192.0.2.1"));
        }
        else
        {
            session = _requests.Session(target, null);
        }

        var text = _requests.Describe([session, rate]);
        if (_vendor.Session == CoaSession.FramedIpAddress)
        {
            text = text.Replace("Framed-IP-Address=192.0.2.1", "Framed-IP-Address=<address>", StringComparison.Ordinal);
        }

        steps.Add(new DryRunStep(text, "the change: CoA-Request to " + _target + " with a Message-Authenticator; CoA-ACK expected"));
        steps.AddRange(readLine.Steps.Select(s => s with { Note = $"read-back: must show {operation.RateKbps} kbit/s {operation.Direction}" }));
        return WithProtocol(readLine, steps);
    }

    /// <summary>Closes the CoA socket and the read face's sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        switch (Reads)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private DryRunPlan WithProtocol(DryRunPlan reads, IReadOnlyList<DryRunStep> steps) =>
        new(ChannelName, "radius-coa " + _vendor.Name + " + " + reads.Protocol, steps.Count > 0 ? steps : reads.Steps) { Session = reads.Session };
}
