using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Internal.Usm;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMP command responder on UDP: serves Get, GetNext, GetBulk (v2c, v3) and Set from an
/// <see cref="ISnmpMib"/>. SNMPv1/v2c use communities; SNMPv3 (User-based Security Model, RFC 3414) is on
/// when <see cref="SnmpAgentOptions.Users"/> is not empty. Unknown communities and malformed datagrams are
/// dropped without an answer; SNMPv3 security failures are answered with Reports as RFC 3414 §3.2 says.
/// </summary>
public sealed class SnmpAgent : IAsyncDisposable
{
    private readonly SnmpAgentOptions _options;
    private readonly ILogger _logger;
    private readonly byte[] _readCommunity;
    private readonly byte[] _writeCommunity;
    private readonly AgentRequestProcessor _processor;
    private readonly UsmCommandResponder? _usm;
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<bool>>? _filter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _handleGate = new();
    private UdpTransport? _channel;
    private bool _disposed;

    /// <summary>Creates an agent; nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoint, communities and datagram size.</param>
    /// <param name="mib">The variables served.</param>
    /// <param name="logger">Optional logger.</param>
    public SnmpAgent(SnmpAgentOptions options, ISnmpMib mib, ILogger<SnmpAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mib);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentException.ThrowIfNullOrEmpty(options.ReadCommunity);
        ArgumentException.ThrowIfNullOrEmpty(options.WriteCommunity);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDatagramSize, SnmpCodecLimits.MinMessageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDatagramSize, SnmpCodecLimits.MaxUdpPayload);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger<SnmpAgent>.Instance;
        _readCommunity = Encoding.UTF8.GetBytes(options.ReadCommunity);
        _writeCommunity = Encoding.UTF8.GetBytes(options.WriteCommunity);
        _processor = new AgentRequestProcessor(mib, options.MaxDatagramSize);
        _filter = options.RequestFilter;
        ArgumentNullException.ThrowIfNull(options.Users);
        if (options.Users.Count > 0)
        {
            Engine = new UsmAgentEngine(options);
            _usm = new UsmCommandResponder(Engine, mib, options.MaxDatagramSize, _logger, Observe);
        }
    }

    /// <summary>The agent's snmpEngineID (RFC 3411 §5); empty when SNMPv3 is disabled (no users).</summary>
    public ReadOnlyMemory<byte> EngineId => Engine?.EngineId ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The SNMPv3 engine, null when SNMPv3 is disabled.</summary>
    internal UsmAgentEngine? Engine { get; }

    /// <summary>The bound endpoint (with the actual port when 0 was asked for).</summary>
    /// <exception cref="InvalidOperationException">The agent has not been started.</exception>
    public IPEndPoint LocalEndpoint =>
        _channel?.LocalEndpoint ?? throw new InvalidOperationException("The SNMP agent has not been started.");

    /// <summary>Binds the UDP socket and starts serving in the background.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_channel is not null)
        {
            throw new InvalidOperationException("The SNMP agent is already started.");
        }

        _channel = UdpTransport.Bind(_options.Endpoint, _options.MaxDatagramSize, _filter is null ? Handle : Filtered, _logger);
        AgentLog.Started(_logger, _channel.LocalEndpoint);
        return Task.CompletedTask;
    }

    /// <summary>Stops serving and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            AgentLog.Stopped(_logger, _channel.LocalEndpoint);
        }
    }

    /// <summary>
    /// The receive callback when a <see cref="SnmpAgentOptions.RequestFilter"/> is set: a filter that completes
    /// synchronously is handled inline; otherwise the datagram is copied and answered when the filter allows it, so
    /// the receive loop goes on with the next datagram.
    /// </summary>
    private byte[]? Filtered(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        ValueTask<bool> verdict;
        try
        {
            verdict = _filter!(remote, _stopping.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.FilterFailed(_logger, remote, e);
            return null;
        }

        if (verdict.IsCompletedSuccessfully)
        {
            return verdict.Result ? HandleSerialized(datagram, remote) : null;
        }

        _ = HandleLaterAsync(verdict, datagram.ToArray(), remote);
        return null;
    }

    private async Task HandleLaterAsync(ValueTask<bool> verdict, byte[] datagram, IPEndPoint remote)
    {
        try
        {
            if (!await verdict.ConfigureAwait(false) || _stopping.IsCancellationRequested)
            {
                return;
            }

            var reply = HandleSerialized(datagram, remote);
            if (reply is not null && _channel is { } channel)
            {
                await channel.SendAsync(reply, remote, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_disposed)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.FilterFailed(_logger, remote, e);
        }
    }

    /// <summary>Filtered datagrams may be released concurrently; the MIB still sees one request at a time.</summary>
    private byte[]? HandleSerialized(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        lock (_handleGate)
        {
            return Handle(datagram, remote);
        }
    }

    /// <summary>Answers one datagram; null when nothing is to be sent back.</summary>
    internal byte[]? Handle(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        if (MessageVersion.Peek(datagram) == SnmpCodecLimits.SnmpV3Version)
        {
            return HandleV3(datagram, remote);
        }

        CommunityMessage request;
        try
        {
            request = CommunityMessageCodec.Decode(datagram, _options.MaxDatagramSize);
        }
        catch (SnmpDecodingException e)
        {
            AgentLog.Malformed(_logger, remote, e.Message);
            return null;
        }

        var access = Authorize(request.Community.Span);
        Observe(remote, request.Version, request.Pdu, null, access != CommunityAccess.None);
        if (access == CommunityAccess.None)
        {
            AgentLog.WrongCommunity(_logger, request.Version, remote);
            return null;
        }

        CommunityMessage? response;
        try
        {
            response = _processor.Process(request, access);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.MibFailed(_logger, request.Pdu.Type, remote, e);
            response = request with { Pdu = SnmpPdu.Response(request.Pdu.RequestId, SnmpErrorStatus.GenErr, 0, request.Pdu.VarBinds) };
        }

        if (response is null)
        {
            AgentLog.Unanswered(_logger, request.Pdu.Type, remote);
            return null;
        }

        try
        {
            return CommunityMessageCodec.Encode(response);
        }
        catch (Exception e) when (e is SnmpException or ArgumentException)
        {
            AgentLog.EncodeFailed(_logger, remote, e);
            return null;
        }
    }

    private byte[]? HandleV3(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        if (_usm is null)
        {
            AgentLog.V3Dropped(_logger, remote, "SNMPv3 is disabled (no users configured)");
            return null;
        }

        try
        {
            return _usm.Handle(datagram, remote);
        }
        catch (Exception e) when (e is SnmpException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            AgentLog.EncodeFailed(_logger, remote, e);
            return null;
        }
    }

    private void Observe(IPEndPoint remote, SnmpVersion version, SnmpPdu pdu, string? securityName, bool accepted)
    {
        if (_options.RequestObserver is not { } observer)
        {
            return;
        }

        try
        {
            observer(new SnmpReceivedRequest(remote, version, SnmpPduNames.Of(pdu.Type), pdu.VarBinds, securityName, accepted));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            AgentLog.ObserverFailed(_logger, remote, e);
        }
    }

    /// <summary>The write community also reads. Compared in constant time.</summary>
    private CommunityAccess Authorize(ReadOnlySpan<byte> community)
    {
        if (CryptographicOperations.FixedTimeEquals(community, _writeCommunity))
        {
            return CommunityAccess.ReadWrite;
        }

        return CryptographicOperations.FixedTimeEquals(community, _readCommunity) ? CommunityAccess.Read : CommunityAccess.None;
    }
}
