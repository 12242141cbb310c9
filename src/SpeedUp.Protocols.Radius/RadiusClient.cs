using System.Buffers.Binary;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// A RADIUS client (a CoA/Disconnect sender, RFC 5176 §2, or an Access/Accounting client). One UDP socket carries up
/// to 256 requests in flight, one per identifier; more wait for a free identifier. A request identical (identifier and
/// Request Authenticator) to one sent to the same server within <see cref="RadiusClientOptions.DuplicateWindow"/> gets
/// another identifier, so the server never mistakes a new request for a retransmission. Each request is resent, same
/// octets, after every timeout. A response counts only from the request's server address and port, with a valid
/// Response Authenticator (and Message-Authenticator when present) and a code that answers the request; anything else
/// is dropped and counted (<see cref="RadiusTelemetry.ClientDropped"/>). Thread-safe.
/// </summary>
public sealed class RadiusClient : IAsyncDisposable
{
    private readonly RadiusClientOptions _options;
    private readonly IRadiusVendorFormats? _formats;
    private readonly ILogger _logger;
    private readonly RadiusMetrics _metrics;
    private readonly IdentifierPool _identifiers = new((byte)RandomNumberGenerator.GetInt32(256));
    private readonly RequestTable _requests = new();
    private readonly DuplicateRequestCache _sent;
    private readonly ResponseMatcher _matcher;
    private readonly IDatagramTransport _transport;
    private int _disposed;

    /// <summary>Creates a client and binds its socket (<see cref="RadiusClientOptions.LocalEndpoint"/>).</summary>
    /// <param name="options">Settings; invalid ones throw <see cref="ArgumentException"/>.</param>
    /// <param name="formats">Vendor formats (a <see cref="RadiusDictionary"/>); null: every vendor 1,1.</param>
    /// <param name="logger">Logs drops and timeouts at debug level.</param>
    /// <param name="meterFactory">Where the <see cref="RadiusTelemetry"/> meter comes from; null: a meter of its own.</param>
    public RadiusClient(RadiusClientOptions options, IRadiusVendorFormats? formats = null, ILogger<RadiusClient>? logger = null, IMeterFactory? meterFactory = null)
        : this(options, formats, logger, meterFactory,
            onDatagram => UdpDatagramTransport.Bind(options.LocalEndpoint, onDatagram, (ILogger?)logger ?? NullLogger.Instance))
    {
    }

    internal RadiusClient(
        RadiusClientOptions options, IRadiusVendorFormats? formats, ILogger? logger, IMeterFactory? meterFactory,
        Func<DatagramReceived, IDatagramTransport> bind)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid RadiusClientOptions: " + string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _formats = formats;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new RadiusMetrics(meterFactory);
        _matcher = new ResponseMatcher(_requests, formats, options.RequireMessageAuthenticator);
        _sent = new DuplicateRequestCache(options.DuplicateWindow, MaxRememberedRequests, options.TimeProvider);
        _transport = bind(OnDatagram);
    }

    /// <summary>The bound address and port of the client's socket.</summary>
    public IPEndPoint LocalEndpoint => _transport.LocalEndpoint;

    /// <summary>The most requests remembered for <see cref="RadiusClientOptions.DuplicateWindow"/> (the oldest go first).</summary>
    public const int MaxRememberedRequests = 65_536;

    /// <summary>Identifiers in use (requests in flight).</summary>
    public int InFlight => _identifiers.InUse;

    /// <summary>
    /// Sends a request and returns the server's validated answer (for CoA: CoA-ACK or CoA-NAK; look at
    /// <see cref="RadiusPacket.Code"/> and <see cref="RadiusPacket.ErrorCause"/>).
    /// </summary>
    /// <exception cref="RadiusTimeoutException">No valid answer after 1 + <see cref="RadiusClientOptions.Retries"/> attempts.</exception>
    /// <exception cref="RadiusTransportException">The target policy refused the server, or the socket failed.</exception>
    /// <exception cref="ArgumentException">Not a request code, User-Password given (its hiding is not implemented), or the packet would be too large.</exception>
    public async Task<RadiusPacket> SendAsync(
        IPEndPoint server, RadiusSharedSecret secret, RadiusCode code, IReadOnlyList<RadiusAttribute> attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(attributes);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!RadiusCodes.IsRequest(code))
        {
            throw new ArgumentException(code + " is not a request code.", nameof(code));
        }

        if (attributes.Any(a => a.Is(2)))
        {
            throw new ArgumentException("User-Password hiding (RFC 2865 §5.2) is not implemented; this client does not send passwords.", nameof(attributes));
        }

        if (_options.TargetPolicy?.Invoke(server) is { } refusal)
        {
            throw new RadiusTransportException("RADIUS server " + server + " refused by the target policy: " + refusal);
        }

        var (identifier, datagram) = await NewRequestAsync(server, secret, code, attributes, cancellationToken).ConfigureAwait(false);
        using (identifier)
        {
            var request = new PendingRequest(server, secret, code, datagram.AsSpan(4, RadiusLimits.AuthenticatorLength).ToArray());
            _requests.Start(identifier.Id, request);
            try
            {
                return await SendAttemptsAsync(datagram, request, identifier.Id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _requests.Finish(identifier.Id, request);
            }
        }
    }

    /// <summary>
    /// An identifier and the request's octets on it, such that this socket has not sent the server the same identifier
    /// and Request Authenticator within the duplicate window (the octets are built per identifier: the authenticator of a
    /// CoA or Disconnect request is a hash of them). In the usual case the first identifier tried is taken.
    /// </summary>
    /// <exception cref="RadiusTransportException">The same request went to the server on every identifier within the window.</exception>
    private async Task<(IdentifierPool.Lease Identifier, byte[] Datagram)> NewRequestAsync(
        IPEndPoint server, RadiusSharedSecret secret, RadiusCode code, IReadOnlyList<RadiusAttribute> attributes, CancellationToken cancellationToken)
    {
        var built = new byte[256][];
        byte[] Build(byte id) => built[id] ??= RequestBuilder.Build(code, id, attributes, secret, _options.AddMessageAuthenticator, _formats);
        DuplicateKey Key(byte id) => new(server, id, BinaryPrimitives.ReadUInt128BigEndian(Build(id).AsSpan(4, RadiusLimits.AuthenticatorLength)));

        while (true)
        {
            var identifier = await _identifiers.AcquireAsync(id => !_sent.Contains(Key(id)), cancellationToken).ConfigureAwait(false)
                ?? throw new RadiusTransportException(
                    $"The same {code} went to {server} on all 256 identifiers within {_options.DuplicateWindow.TotalSeconds:0.#} s; the server would take it for a retransmission.");
            if (_sent.Begin(Key(identifier.Id), out _) == DuplicateState.New)
            {
                return (identifier, built[identifier.Id]);
            }

            identifier.Dispose(); // remembered meanwhile by a request on the same identifier: try again
        }
    }

    private async Task<RadiusPacket> SendAttemptsAsync(byte[] datagram, PendingRequest request, byte id, CancellationToken cancellationToken)
    {
        var attempts = _options.Retries + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                _metrics.ClientRetransmitted();
            }

            await _transport.SendAsync(datagram, request.Server, cancellationToken).ConfigureAwait(false);
            try
            {
                return await request.Response.WaitAsync(_options.Timeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                RadiusLog.AttemptTimedOut(_logger, request.Server, id, attempt, attempts);
            }
        }

        throw new RadiusTimeoutException(
            "No valid RADIUS answer from " + request.Server + " to " + request.Code + " " + id + " after " + attempts + " attempt(s) of "
            + _options.Timeout.TotalMilliseconds + " ms (wrong secret, unreachable server, or answers dropped: see "
            + RadiusTelemetry.ClientDropped + ").");
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (_matcher.Accept(datagram, source) is { } reason)
        {
            _metrics.ClientDropped(reason);
            RadiusLog.Dropped(_logger, source, reason);
        }
    }

    /// <summary>Closes the socket; requests still waiting time out or are cancelled by their callers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _metrics.Dispose();
    }
}
