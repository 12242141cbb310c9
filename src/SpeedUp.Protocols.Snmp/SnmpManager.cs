using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Internal.Usm;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMP command generator: SNMPv1/v2c with communities, SNMPv3 with the User-based Security Model
/// (<see cref="SnmpUsm"/>, RFC 3414). One UDP socket (per address family) carries any number of concurrent
/// requests, matched to responses by request id (v1/v2c) or msgID (v3). Thread-safe.
/// </summary>
public sealed class SnmpManager : IAsyncDisposable
{
    private readonly SnmpManagerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly Lock _channelsLock = new();
    private readonly Dictionary<AddressFamily, UdpTransport> _channels = [];
    private readonly UsmCommandGenerator _usm;
    private int _lastRequestId = Random.Shared.Next(1, 1 << 30);
    private bool _disposed;

    /// <summary>Creates a manager; its socket is bound on first use.</summary>
    public SnmpManager(SnmpManagerOptions options, ILogger<SnmpManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDatagramSize, SnmpCodecLimits.MinMessageSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDatagramSize, SnmpCodecLimits.MaxUdpPayload);
        if (!Enum.IsDefined(options.Version))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Unsupported SNMP version.");
        }

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger<SnmpManager>.Instance;
        _usm = new UsmCommandGenerator(options, _logger, GetChannel);
    }

    /// <summary>GetRequest: the values of <paramref name="oids"/> (v2c: absent ones as exception values).</summary>
    public Task<IReadOnlyList<VarBind>> GetAsync(IPEndPoint agent, string community, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        GetAsync(agent, Community(community), oids, ct);

    /// <summary>GetRequest with community or SNMPv3 USM credentials.</summary>
    public Task<IReadOnlyList<VarBind>> GetAsync(IPEndPoint agent, SnmpCredentials credentials, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        RequestAsync(agent, credentials, SnmpPduType.GetRequest, 0, 0, AsNullBindings(oids), ct);

    /// <summary>GetNextRequest: the variable following each of <paramref name="oids"/>.</summary>
    public Task<IReadOnlyList<VarBind>> GetNextAsync(IPEndPoint agent, string community, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        GetNextAsync(agent, Community(community), oids, ct);

    /// <summary>GetNextRequest with community or SNMPv3 USM credentials.</summary>
    public Task<IReadOnlyList<VarBind>> GetNextAsync(IPEndPoint agent, SnmpCredentials credentials, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        RequestAsync(agent, credentials, SnmpPduType.GetNextRequest, 0, 0, AsNullBindings(oids), ct);

    /// <summary>GetBulkRequest (v2c only, RFC 3416 §4.2.3).</summary>
    public Task<IReadOnlyList<VarBind>> GetBulkAsync(
        IPEndPoint agent, string community, int nonRepeaters, int maxRepetitions, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        GetBulkAsync(agent, Community(community), nonRepeaters, maxRepetitions, oids, ct);

    /// <summary>GetBulkRequest (SNMPv2c or SNMPv3, RFC 3416 §4.2.3).</summary>
    public Task<IReadOnlyList<VarBind>> GetBulkAsync(
        IPEndPoint agent, SnmpCredentials credentials, int nonRepeaters, int maxRepetitions, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentOutOfRangeException.ThrowIfNegative(nonRepeaters);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRepetitions);
        return credentials.MessageVersion == SnmpVersion.V1
            ? throw new InvalidOperationException("GetBulk does not exist in SNMPv1.")
            : RequestAsync(agent, credentials, SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, AsNullBindings(oids), ct);
    }

    /// <summary>SetRequest: writes <paramref name="bindings"/> (all or none) and returns the response bindings.</summary>
    public Task<IReadOnlyList<VarBind>> SetAsync(IPEndPoint agent, string community, IReadOnlyList<VarBind> bindings, CancellationToken ct) =>
        SetAsync(agent, Community(community), bindings, ct);

    /// <summary>SetRequest with community or SNMPv3 USM credentials.</summary>
    public Task<IReadOnlyList<VarBind>> SetAsync(IPEndPoint agent, SnmpCredentials credentials, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return RequestAsync(agent, credentials, SnmpPduType.SetRequest, 0, 0, bindings.ToArray(), ct);
    }

    /// <summary>Closes the socket; requests in flight fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        UdpTransport[] channels;
        lock (_channelsLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            channels = [.. _channels.Values];
            _channels.Clear();
        }

        foreach (var pending in _pending.Values)
        {
            pending.Fail(new ObjectDisposedException(nameof(SnmpManager)));
        }

        _usm.FailAll(new ObjectDisposedException(nameof(SnmpManager)));

        foreach (var channel in channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<VarBind>> RequestAsync(
        IPEndPoint agent, SnmpCredentials credentials, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(credentials);
        ct.ThrowIfCancellationRequested();
        var target = agent.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(agent.Address.MapToIPv4(), agent.Port) : agent;
        if (_options.TargetPolicy?.Invoke(target.Address.ToString(), target.Port) is { } refusal)
        {
            throw new SnmpTransportException(refusal);
        }

        using var activity = StartRequestActivity(target, credentials, type, bindings.Count);
        try
        {
            var pdu = credentials switch
            {
                SnmpUsm usm => await _usm.RequestAsync(target, usm, type, errorStatus, errorIndex, bindings, ct).ConfigureAwait(false),
                SnmpCommunity community => await CommunityRequestAsync(target, community, type, errorStatus, errorIndex, bindings, ct).ConfigureAwait(false),
                _ => throw new ArgumentException("Unsupported SNMP credentials " + credentials.GetType().Name + ".", nameof(credentials)),
            };
            if (pdu.Status != SnmpErrorStatus.NoError)
            {
                activity?.SetTag(SnmpTracing.ErrorStatusTag, pdu.Status.ToString());
                throw new SnmpErrorException(pdu.Status, pdu.ErrorIndex);
            }

            return pdu.VarBinds;
        }
        catch (Exception exception) when (activity is not null)
        {
            var errorType = exception is OperationCanceledException ? "cancelled" : exception.GetType().Name;
            activity.SetTag(SnmpTracing.ErrorTypeTag, errorType);
            activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, errorType);
            throw;
        }
    }

    private static System.Diagnostics.Activity? StartRequestActivity(IPEndPoint target, SnmpCredentials credentials, SnmpPduType type, int bindings)
    {
        var activity = SnmpTracing.Source.StartActivity(SpanName(type), System.Diagnostics.ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SnmpTracing.PduTypeTag, type.ToString());
            activity.SetTag(SnmpTracing.VersionTag, credentials.MessageVersion.ToString());
            activity.SetTag(SnmpTracing.ServerAddressTag, target.Address.ToString());
            activity.SetTag(SnmpTracing.ServerPortTag, target.Port);
            activity.SetTag(SnmpTracing.VarBindCountTag, bindings);
        }

        return activity;
    }

    private static string SpanName(SnmpPduType type) => type switch
    {
        SnmpPduType.GetRequest => "snmp.get",
        SnmpPduType.GetNextRequest => "snmp.getnext",
        SnmpPduType.GetBulkRequest => "snmp.getbulk",
        SnmpPduType.SetRequest => "snmp.set",
        _ => "snmp.request",
    };

    private async Task<SnmpPdu> CommunityRequestAsync(
        IPEndPoint target, SnmpCommunity credentials, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credentials.Community);
        if (credentials.Version is not (SnmpVersion.V1 or SnmpVersion.V2c))
        {
            throw new InvalidOperationException("Communities are for SNMPv1 and SNMPv2c; SNMPv3 needs SnmpUsm credentials.");
        }

        var channel = GetChannel(target.AddressFamily);
        var (requestId, pending, datagram) = Register(target, credentials, type, errorStatus, errorIndex, bindings);
        try
        {
            var response = await RetryingSender.SendAsync(
                channel, target, requestId, pending.Response, datagram, _options, _logger, "agent down, wrong community, or packets lost", ct).ConfigureAwait(false);
            return response.Pdu;
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private (int RequestId, PendingRequest Pending, byte[] Datagram) Register(
        IPEndPoint target, SnmpCommunity community, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings)
    {
        while (true)
        {
            var requestId = Interlocked.Increment(ref _lastRequestId) & int.MaxValue;
            if (requestId == 0)
            {
                continue;
            }

            var message = new CommunityMessage(
                community.Version, Encoding.UTF8.GetBytes(community.Community), new SnmpPdu(type, requestId, errorStatus, errorIndex, bindings));
            var datagram = CommunityMessageCodec.Encode(message);
            if (datagram.Length > _options.MaxDatagramSize)
            {
                throw new SnmpException("The request encodes to " + datagram.Length + " bytes, over the limit of " + _options.MaxDatagramSize + ".");
            }

            var pending = new PendingRequest(target, message);
            if (_pending.TryAdd(requestId, pending))
            {
                return (requestId, pending, datagram);
            }
        }
    }

    private UdpTransport GetChannel(AddressFamily family)
    {
        lock (_channelsLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_channels.TryGetValue(family, out var channel))
            {
                var local = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                channel = UdpTransport.Bind(local, _options.MaxDatagramSize, OnDatagram, _logger);
                _channels[family] = channel;
            }

            return channel;
        }
    }

    private byte[]? OnDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        if (MessageVersion.Peek(datagram) == SnmpCodecLimits.SnmpV3Version)
        {
            _usm.OnDatagram(datagram, Unmapped(remote));
            return null;
        }

        CommunityMessage message;
        try
        {
            message = CommunityMessageCodec.Decode(datagram, _options.MaxDatagramSize);
        }
        catch (SnmpDecodingException e)
        {
            ManagerLog.Malformed(_logger, remote, e.Message);
            return null;
        }

        var source = Unmapped(remote);
        if (!_pending.TryGetValue(message.Pdu.RequestId, out var pending) || !pending.TryComplete(message, source))
        {
            ManagerLog.Unmatched(_logger, message.Pdu.Type, message.Pdu.RequestId, source);
        }

        return null;
    }

    private static IPEndPoint Unmapped(IPEndPoint remote) =>
        remote.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(remote.Address.MapToIPv4(), remote.Port) : remote;

    private SnmpCommunity Community(string community) => new(community ?? throw new ArgumentNullException(nameof(community)), _options.Version);

    private static VarBind[] AsNullBindings(IReadOnlyList<ObjectIdentifier> oids)
    {
        ArgumentNullException.ThrowIfNull(oids);
        return [.. oids.Select(oid => new VarBind(oid ?? throw new ArgumentException("An OID is null.", nameof(oids)), SnmpValue.Null))];
    }
}
