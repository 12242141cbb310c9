using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Snmp.Internal;

namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// An SNMPv1/v2c command generator. One UDP socket (per address family) carries any number of
/// concurrent requests, matched to responses by request id. Thread-safe.
/// </summary>
public sealed class SnmpManager : IAsyncDisposable
{
    private readonly SnmpManagerOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingRequest> _pending = new();
    private readonly Lock _channelsLock = new();
    private readonly Dictionary<AddressFamily, UdpChannel> _channels = [];
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
    }

    /// <summary>GetRequest: the values of <paramref name="oids"/> (v2c: absent ones as exception values).</summary>
    public Task<IReadOnlyList<VarBind>> GetAsync(IPEndPoint agent, string community, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        RequestAsync(agent, community, SnmpPduType.GetRequest, 0, 0, AsNullBindings(oids), ct);

    /// <summary>GetNextRequest: the variable following each of <paramref name="oids"/>.</summary>
    public Task<IReadOnlyList<VarBind>> GetNextAsync(IPEndPoint agent, string community, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct) =>
        RequestAsync(agent, community, SnmpPduType.GetNextRequest, 0, 0, AsNullBindings(oids), ct);

    /// <summary>GetBulkRequest (v2c only, RFC 3416 §4.2.3).</summary>
    public Task<IReadOnlyList<VarBind>> GetBulkAsync(
        IPEndPoint agent, string community, int nonRepeaters, int maxRepetitions, IReadOnlyList<ObjectIdentifier> oids, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nonRepeaters);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRepetitions);
        return _options.Version == SnmpVersion.V1
            ? throw new InvalidOperationException("GetBulk does not exist in SNMPv1.")
            : RequestAsync(agent, community, SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, AsNullBindings(oids), ct);
    }

    /// <summary>SetRequest: writes <paramref name="bindings"/> (all or none) and returns the response bindings.</summary>
    public Task<IReadOnlyList<VarBind>> SetAsync(IPEndPoint agent, string community, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        return RequestAsync(agent, community, SnmpPduType.SetRequest, 0, 0, bindings.ToArray(), ct);
    }

    /// <summary>Closes the socket; requests in flight fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        UdpChannel[] channels;
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

        foreach (var channel in channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<VarBind>> RequestAsync(
        IPEndPoint agent, string community, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(community);
        ct.ThrowIfCancellationRequested();
        var target = agent.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(agent.Address.MapToIPv4(), agent.Port) : agent;
        var channel = GetChannel(target.AddressFamily);
        var (requestId, pending, datagram) = Register(target, community, type, errorStatus, errorIndex, bindings);
        CommunityMessage response;
        try
        {
            response = await SendWithRetriesAsync(channel, target, requestId, pending, datagram, ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }

        return response.Pdu.Status == SnmpErrorStatus.NoError
            ? response.Pdu.VarBinds
            : throw new SnmpErrorException(response.Pdu.Status, response.Pdu.ErrorIndex);
    }

    private (int RequestId, PendingRequest Pending, byte[] Datagram) Register(
        IPEndPoint target, string community, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings)
    {
        while (true)
        {
            var requestId = Interlocked.Increment(ref _lastRequestId) & int.MaxValue;
            if (requestId == 0)
            {
                continue;
            }

            var message = new CommunityMessage(
                _options.Version, Encoding.UTF8.GetBytes(community), new SnmpPdu(type, requestId, errorStatus, errorIndex, bindings));
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

    private async Task<CommunityMessage> SendWithRetriesAsync(
        UdpChannel channel, IPEndPoint target, int requestId, PendingRequest pending, byte[] datagram, CancellationToken ct)
    {
        var attempts = _options.Retries + 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await channel.SendAsync(datagram, target, ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                throw new SnmpTransportException("Could not send the SNMP request to " + target + " (" + e.SocketErrorCode + ").", e);
            }
            catch (ObjectDisposedException)
            {
                throw new ObjectDisposedException(nameof(SnmpManager));
            }

            try
            {
                return await pending.Response.WaitAsync(_options.Timeout, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ManagerLog.AttemptTimedOut(_logger, target, requestId, attempt, attempts);
            }
        }

        throw new SnmpTimeoutException(
            "No SNMP response from " + target + " after " + attempts + " attempt(s) of " + _options.Timeout.TotalMilliseconds
            + " ms (agent down, wrong community, or packets lost).");
    }

    private UdpChannel GetChannel(AddressFamily family)
    {
        lock (_channelsLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_channels.TryGetValue(family, out var channel))
            {
                var local = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                channel = UdpChannel.Bind(local, _options.MaxDatagramSize, OnDatagram, _logger);
                _channels[family] = channel;
            }

            return channel;
        }
    }

    private byte[]? OnDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
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

        var source = remote.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(remote.Address.MapToIPv4(), remote.Port) : remote;
        if (!_pending.TryGetValue(message.Pdu.RequestId, out var pending) || !pending.TryComplete(message, source))
        {
            ManagerLog.Unmatched(_logger, message.Pdu.Type, message.Pdu.RequestId, source);
        }

        return null;
    }

    private static VarBind[] AsNullBindings(IReadOnlyList<ObjectIdentifier> oids)
    {
        ArgumentNullException.ThrowIfNull(oids);
        return [.. oids.Select(oid => new VarBind(oid ?? throw new ArgumentException("An OID is null.", nameof(oids)), SnmpValue.Null))];
    }
}
