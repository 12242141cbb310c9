using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// The receiving side of RFC 5176 (a NAS, or a simulator of one): listens for CoA-Request and Disconnect-Request from
/// configured clients, drops (and counts, <see cref="RadiusTelemetry.ServerDropped"/>) unknown sources, malformed
/// packets and bad authenticators silently, answers a copy of a request already answered with the cached answer
/// instead of acting twice, and turns the handler's <see cref="RadiusReply"/> into a signed ACK or NAK with
/// Error-Cause. Listens from construction until disposed.
/// </summary>
public sealed class RadiusServer : IAsyncDisposable
{
    private readonly RadiusRequestHandler _handler;
    private readonly IRadiusVendorFormats? _formats;
    private readonly ILogger _logger;
    private readonly RadiusMetrics _metrics;
    private readonly RequestScreen _screen;
    private readonly DuplicateRequestCache _duplicates;
    private readonly IDatagramTransport _transport;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private int _disposed;

    /// <summary>Creates a server and binds <see cref="RadiusServerOptions.LocalEndpoint"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="RadiusTransportException">The address cannot be bound.</exception>
    public RadiusServer(
        RadiusServerOptions options, RadiusRequestHandler handler, IRadiusVendorFormats? formats = null,
        ILogger<RadiusServer>? logger = null, IMeterFactory? meterFactory = null)
        : this(options, handler, formats, logger, meterFactory,
            onDatagram => UdpDatagramTransport.Bind(options.LocalEndpoint, onDatagram, (ILogger?)logger ?? NullLogger.Instance))
    {
    }

    internal RadiusServer(
        RadiusServerOptions options, RadiusRequestHandler handler, IRadiusVendorFormats? formats, ILogger? logger,
        IMeterFactory? meterFactory, Func<DatagramReceived, IDatagramTransport> bind)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid RadiusServerOptions: " + string.Join(" ", problems), nameof(options));
        }

        _handler = handler;
        _formats = formats;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new RadiusMetrics(meterFactory);
        _duplicates = new DuplicateRequestCache(options.DuplicateWindow, options.MaxRememberedRequests, options.TimeProvider);
        var secrets = options.Clients.ToDictionary(c => c.Address.IsIPv4MappedToIPv6 ? c.Address.MapToIPv4() : c.Address, c => c.Secret);
        _screen = new RequestScreen(secrets, formats, options.RequireMessageAuthenticator, _duplicates);
        _transport = bind(OnDatagram);
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndpoint => _transport.LocalEndpoint;

    /// <summary>Requests remembered for duplicate detection.</summary>
    public int RememberedRequests => _duplicates.Count;

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        var result = _screen.Screen(datagram, source);
        if (result.Drop is { } reason)
        {
            _metrics.ServerDropped(reason);
            RadiusLog.Dropped(_logger, source, reason);
            return;
        }

        switch (result.State)
        {
            case DuplicateState.Answered:
                _metrics.ServerDuplicate(resent: true);
                RadiusLog.DuplicateRequest(_logger, source, result.Packet!.Identifier, resent: true);
                Track(SendAsync(result.CachedAnswer!, source));
                break;
            case DuplicateState.InProgress:
                _metrics.ServerDuplicate(resent: false);
                RadiusLog.DuplicateRequest(_logger, source, result.Packet!.Identifier, resent: false);
                break;
            default:
                Track(Task.Run(() => HandleAsync(result, source)));
                break;
        }
    }

    private async Task HandleAsync(ScreenResult request, IPEndPoint source)
    {
        var packet = request.Packet!;
        RadiusReply reply;
        try
        {
            reply = await _handler(new RadiusRequestContext(packet, source), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException && _stopping.IsCancellationRequested))
        {
            RadiusLog.RequestHandlerFailed(_logger, packet.Code, packet.Identifier, source, e);
            _duplicates.Forget(request.Key);
            return;
        }

        if (reply.Kind == RadiusReplyKind.Drop)
        {
            _duplicates.Forget(request.Key);
            return;
        }

        var answer = ReplyBuilder.Build(packet, reply, request.Secret!, _formats);
        _duplicates.Complete(request.Key, answer);
        await SendAsync(answer, source).ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] answer, IPEndPoint destination)
    {
        try
        {
            await _transport.SendAsync(answer, destination, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RadiusTransportException or OperationCanceledException or ObjectDisposedException)
        {
            RadiusLog.HandlerFailed(_logger, destination, e);
        }
    }

    private void Track(Task task)
    {
        _handling.TryAdd(task, 0);
        _ = task.ContinueWith(t => _handling.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Stops listening, cancels handlers still running and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_handling.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _metrics.Dispose();
    }
}
