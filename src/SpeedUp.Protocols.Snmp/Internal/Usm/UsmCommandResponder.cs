using System.Net;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// The SNMPv3 side of <see cref="SnmpAgent"/>: RFC 3412 §7.2 (prepareDataElements) with the USM checks of
/// RFC 3414 §3.2 in their order (engine ID, user, securityLevel, MAC, time window, decryption), Reports as
/// §3.2 and RFC 3412 §7.1.3 say (noAuthNoPriv, but notInTimeWindows authenticated), a small access control
/// (minimum level, read-only users: authorizationError, RFC 3413 §3.2), and the Response at the request's level.
/// </summary>
internal sealed class UsmCommandResponder(
    UsmAgentEngine engine, ISnmpMib mib, int maxDatagramSize, ILogger logger, Action<IPEndPoint, SnmpVersion, SnmpPdu, string?, bool> observe)
{
    private readonly AgentRequestProcessor _processor = new(new EngineMib(mib, engine), maxDatagramSize);

    /// <summary>The answer to one SNMPv3 datagram, or null to send nothing.</summary>
    public byte[]? Handle(ReadOnlyMemory<byte> datagram, IPEndPoint remote)
    {
        V3Message message;
        try
        {
            message = V3MessageCodec.Decode(datagram, maxDatagramSize);
        }
        catch (SnmpDecodingException e)
        {
            AgentLog.Malformed(logger, remote, e.Message);
            return null;
        }

        var security = message.Security;
        if (!engine.IsOwnEngineId(security.EngineId))
        {
            return Report(message, remote, UsmStats.UnknownEngineIds, null);
        }

        if (!engine.TryGetUser(security.UserName, out var user, out var keys))
        {
            return Report(message, remote, UsmStats.UnknownUserNames, null);
        }

        if (message.Level > user.User.Level)
        {
            return Report(message, remote, UsmStats.UnsupportedSecLevels, null);
        }

        if (!UsmMessageBuilder.Authenticate(message, datagram.Span, keys))
        {
            return Report(message, remote, UsmStats.WrongDigests, null);
        }

        if (message.IsAuthenticated && !engine.IsInTimeWindow(security.EngineBoots, security.EngineTime))
        {
            return Report(message, remote, UsmStats.NotInTimeWindows, keys);
        }

        var opened = UsmMessageBuilder.Decrypt(message, keys, out var scoped);
        if (opened == UsmOpenResult.DecryptionError)
        {
            return Report(message, remote, UsmStats.DecryptionErrors, null);
        }

        if (opened != UsmOpenResult.Ok || scoped is null)
        {
            AgentLog.V3Dropped(logger, remote, "the decrypted ScopedPDU is malformed");
            return null;
        }

        return Respond(message, scoped, user, keys, remote);
    }

    private byte[]? Respond(V3Message message, ScopedPdu scoped, SnmpAgentUser user, UsmLocalizedKeys keys, IPEndPoint remote)
    {
        if ((scoped.ContextEngineId.Length > 0 && !engine.IsOwnEngineId(scoped.ContextEngineId)) || scoped.ContextName.Length > 0)
        {
            return Report(message, remote, UsmStats.UnknownContexts, message.IsAuthenticated ? keys : null, scoped.Pdu.RequestId);
        }

        var pdu = scoped.Pdu;
        observe(remote, SnmpVersion.V3, pdu, user.User.Name, true);
        if (pdu.Type is not (SnmpPduType.GetRequest or SnmpPduType.GetNextRequest or SnmpPduType.GetBulkRequest or SnmpPduType.SetRequest))
        {
            AgentLog.Unanswered(logger, pdu.Type, remote);
            return null;
        }

        var maxSize = Math.Min(message.MaxSize, maxDatagramSize);
        SnmpPdu? response;
        if (message.Level < user.MinimumLevel || (pdu.Type == SnmpPduType.SetRequest && !user.CanWrite))
        {
            response = SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.AuthorizationError, 0, pdu.VarBinds);
        }
        else
        {
            var access = user.CanWrite ? CommunityAccess.ReadWrite : CommunityAccess.Read;
            var skeleton = Build(message, keys, scoped, SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.InconsistentName, int.MaxValue, []));
            var budget = new ResponseBudget(maxSize - skeleton.Length - (5 * 2));
            try
            {
                response = _processor.Process(pdu, v1: false, access, budget);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AgentLog.MibFailed(logger, pdu.Type, remote, e);
                response = SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.GenErr, 0, pdu.VarBinds);
            }
        }

        if (response is null)
        {
            return null;
        }

        var encoded = Build(message, keys, scoped, response);
        return encoded.Length <= maxSize
            ? encoded
            : Build(message, keys, scoped, SnmpPdu.Response(pdu.RequestId, SnmpErrorStatus.TooBig, 0, []));
    }

    /// <summary>The Response: same msgID, securityLevel, user and context as the request (RFC 3412 §7.1.3).</summary>
    private byte[] Build(V3Message request, UsmLocalizedKeys keys, ScopedPdu scoped, SnmpPdu response) =>
        UsmMessageBuilder.Build(
            request.MessageId, maxDatagramSize, request.Level, reportable: false, engine.EngineId, engine.Boots, engine.Time,
            request.Security.UserName, request.Level == SnmpSecurityLevel.NoAuthNoPriv ? null : keys, scoped with { Pdu = response });

    /// <summary>
    /// Counts the error and, when the request is reportable, answers with a Report carrying the counter
    /// (RFC 3414 §3.2, RFC 3412 §7.1.3): noAuthNoPriv, or authenticated with <paramref name="keys"/>
    /// (notInTimeWindows, §3.2 step 7a). The request-id is the request's when it could be read, else 0.
    /// </summary>
    private byte[]? Report(V3Message request, IPEndPoint remote, ObjectIdentifier counter, UsmLocalizedKeys? keys, int? requestId = null)
    {
        var value = UsmStatsCounters.Oids.Contains(counter) ? engine.Counters.Increment(counter) : 0u;
        if (!request.IsReportable)
        {
            AgentLog.V3Dropped(logger, remote, UsmStats.NameOf(counter) + " (not reportable)");
            return null;
        }

        AgentLog.V3Report(logger, remote, UsmStats.NameOf(counter));
        var level = keys is null ? SnmpSecurityLevel.NoAuthNoPriv : SnmpSecurityLevel.AuthNoPriv;
        var pdu = new SnmpPdu(SnmpPduType.Report, requestId ?? request.ScopedPdu?.Pdu.RequestId ?? 0, 0, 0, [new VarBind(counter, new SnmpCounter32(value))]);
        return UsmMessageBuilder.Build(
            request.MessageId, maxDatagramSize, level, reportable: false, engine.EngineId, engine.Boots, engine.Time,
            request.Security.UserName, keys, new ScopedPdu(engine.EngineId, [], pdu));
    }
}
