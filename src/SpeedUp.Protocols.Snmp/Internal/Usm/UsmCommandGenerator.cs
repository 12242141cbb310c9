using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// The SNMPv3 side of <see cref="SnmpManager"/>: engine discovery (RFC 3414 §4), per-agent engine and time
/// cache (§2.3, §3.2 step 7b), localized keys per (user, engine), resynchronization after a
/// notInTimeWindows Report, and matching answers by msgID (RFC 3412 §7.2.10). Thread-safe.
/// </summary>
internal sealed class UsmCommandGenerator(SnmpManagerOptions options, ILogger logger, Func<AddressFamily, UdpTransport> getChannel)
{
    private const string TimeoutHint = "agent down, SNMPv3 disabled there, wrong privacy password, or packets lost";
    private readonly ConcurrentDictionary<int, UsmPendingRequest> _pending = new();
    private readonly ConcurrentDictionary<IPEndPoint, EngineState> _engines = new();
    private readonly Dictionary<IPEndPoint, Task<EngineState>> _discoveries = [];
    private readonly UsmKeyCache _keys = new();
    private int _lastId = Random.Shared.Next(1, 1 << 30);

    private static long Now => Environment.TickCount64;

    /// <summary>Sends one request and returns the Response-PDU; Reports become <see cref="SnmpAuthenticationException"/>.</summary>
    public async Task<SnmpPdu> RequestAsync(
        IPEndPoint target, SnmpUsm credentials, SnmpPduType type, int errorStatus, int errorIndex, IReadOnlyList<VarBind> bindings, CancellationToken ct)
    {
        var user = credentials.User ?? throw new ArgumentException("The USM credentials have no user.", nameof(credentials));
        user.EnsureValid();
        var level = credentials.EffectiveLevel;
        if (level > user.Level)
        {
            throw new ArgumentException("User '" + user.Name + "' cannot use securityLevel " + level + " (its protocols allow " + user.Level + ").", nameof(credentials));
        }

        var contextName = Encoding.UTF8.GetBytes(credentials.ContextName ?? "");
        var contextEngineId = credentials.ContextEngineId?.ToArray();
        if (contextName.Length > SnmpCodecLimits.MaxAdminStringLength || contextEngineId?.Length > SnmpCodecLimits.MaxEngineIdLength)
        {
            throw new ArgumentException("contextName and contextEngineID have at most 32 octets (RFC 3412 §6.8).", nameof(credentials));
        }

        var userName = Encoding.UTF8.GetBytes(user.Name);
        var fresh = !_engines.TryGetValue(target, out var engine);
        engine ??= await DiscoverAsync(target, ct).ConfigureAwait(false);
        var resynchronized = false;
        while (true)
        {
            var keys = level == SnmpSecurityLevel.NoAuthNoPriv ? null : _keys.Get(user, engine.EngineId);
            var scoped = new ScopedPdu(contextEngineId ?? engine.EngineId, contextName, new SnmpPdu(type, 0, errorStatus, errorIndex, bindings));
            var reply = await ExchangeAsync(target, engine, level, userName, keys, scoped, ct).ConfigureAwait(false);
            if (reply.Pdu.Type == SnmpPduType.Response)
            {
                return reply.Pdu;
            }

            var oid = reply.Pdu.VarBinds.Count > 0 ? reply.Pdu.VarBinds[0].Oid : null;
            if (oid == UsmStats.NotInTimeWindows && reply.Authenticated && !resynchronized)
            {
                ManagerLog.Resynchronizing(logger, target, UsmStats.NameOf(oid));
                engine = new EngineState(engine.EngineId, reply.Security.EngineBoots, reply.Security.EngineTime, Now);
                _engines[target] = engine;
                resynchronized = true;
                continue;
            }

            if (oid == UsmStats.UnknownEngineIds && !fresh)
            {
                ManagerLog.Resynchronizing(logger, target, UsmStats.NameOf(oid));
                _engines.TryRemove(target, out _);
                engine = await DiscoverAsync(target, ct).ConfigureAwait(false);
                fresh = true;
                continue;
            }

            throw Refused(target, user, oid);
        }
    }

    /// <summary>Handles an SNMPv3 datagram from the receive loop.</summary>
    public void OnDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint source)
    {
        V3Message message;
        try
        {
            message = V3MessageCodec.Decode(datagram, options.MaxDatagramSize);
        }
        catch (SnmpDecodingException e)
        {
            ManagerLog.Malformed(logger, source, e.Message);
            return;
        }

        if (!_pending.TryGetValue(message.MessageId, out var pending) || !pending.Agent.Equals(source))
        {
            ManagerLog.V3Dropped(logger, source, "no request with msgID " + message.MessageId);
            return;
        }

        var result = UsmMessageBuilder.Open(message, datagram.Span, pending.Keys, out var scoped);
        if (result != UsmOpenResult.Ok || scoped is null)
        {
            ManagerLog.V3Dropped(logger, source, result.ToString());
            return;
        }

        if (!pending.TryComplete(scoped.Pdu, message))
        {
            ManagerLog.Unmatched(logger, scoped.Pdu.Type, scoped.Pdu.RequestId, source);
            return;
        }

        if (message.IsAuthenticated && _engines.TryGetValue(source, out var engine)
            && engine.EngineId.AsSpan().SequenceEqual(message.Security.EngineId))
        {
            _engines.TryUpdate(source, engine.Advance(message.Security.EngineBoots, message.Security.EngineTime, Now), engine);
        }
    }

    /// <summary>Fails every request in flight (the manager is being disposed).</summary>
    public void FailAll(Exception exception)
    {
        foreach (var pending in _pending.Values)
        {
            pending.Fail(exception);
        }
    }

    private async Task<UsmReply> ExchangeAsync(
        IPEndPoint target, EngineState engine, SnmpSecurityLevel level, byte[] userName, UsmLocalizedKeys? keys, ScopedPdu scoped, CancellationToken ct)
    {
        int id;
        UsmPendingRequest pending;
        do
        {
            id = Interlocked.Increment(ref _lastId) & int.MaxValue;
            pending = new UsmPendingRequest(target, id, level, keys);
        }
        while (id == 0 || !_pending.TryAdd(id, pending));

        try
        {
            var datagram = UsmMessageBuilder.Build(
                id, options.MaxDatagramSize, level, reportable: true, engine.EngineId, engine.Boots, engine.EstimatedTime(Now),
                userName, keys, scoped with { Pdu = scoped.Pdu with { RequestId = id } });
            if (datagram.Length > options.MaxDatagramSize)
            {
                throw new SnmpException("The request encodes to " + datagram.Length + " bytes, over the limit of " + options.MaxDatagramSize + ".");
            }

            var channel = getChannel(target.AddressFamily);
            return await RetryingSender.SendAsync(channel, target, id, pending.Reply, datagram, options, logger, TimeoutHint, ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>RFC 3414 §4: one discovery per agent at a time, shared by the requests waiting for it.</summary>
    private Task<EngineState> DiscoverAsync(IPEndPoint target, CancellationToken ct)
    {
        Task<EngineState> discovery;
        lock (_discoveries)
        {
            if (!_discoveries.TryGetValue(target, out discovery!))
            {
                discovery = DiscoverCoreAsync(target);
                _discoveries[target] = discovery;
                discovery.ContinueWith(
                    done =>
                    {
                        lock (_discoveries)
                        {
                            _discoveries.Remove(target);
                        }
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return discovery.WaitAsync(ct);
    }

    /// <summary>A noAuthNoPriv, reportable request with an empty engine ID and user name; the agent answers with a
    /// usmStatsUnknownEngineIDs Report carrying its snmpEngineID, boots and time.</summary>
    private async Task<EngineState> DiscoverCoreAsync(IPEndPoint target)
    {
        var probe = new EngineState([], 0, 0, Now);
        var scoped = new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 0, 0, 0, []));
        var reply = await ExchangeAsync(target, probe, SnmpSecurityLevel.NoAuthNoPriv, [], null, scoped, CancellationToken.None).ConfigureAwait(false);
        if (reply.Pdu.Type != SnmpPduType.Report || reply.Security.EngineId.Length == 0)
        {
            throw new SnmpException("SNMPv3 engine discovery at " + target + " failed: the agent did not report its snmpEngineID (RFC 3414 §4).");
        }

        var engine = new EngineState(reply.Security.EngineId, reply.Security.EngineBoots, reply.Security.EngineTime, Now);
        _engines[target] = engine;
        ManagerLog.EngineDiscovered(logger, target, Convert.ToHexString(engine.EngineId), engine.Boots, engine.Time);
        return engine;
    }

    private static SnmpAuthenticationException Refused(IPEndPoint target, UsmUser user, ObjectIdentifier? oid)
    {
        if (oid is null)
        {
            return new SnmpAuthenticationException("The SNMP agent at " + target + " answered user '" + user.Name + "' with an empty Report.", "", "");
        }

        var name = UsmStats.NameOf(oid);
        return new SnmpAuthenticationException(
            "The SNMP agent at " + target + " refused the SNMPv3 request of user '" + user.Name + "': " + name + " (" + UsmStats.Explain(oid) + ").",
            oid.ToString(), name);
    }
}
