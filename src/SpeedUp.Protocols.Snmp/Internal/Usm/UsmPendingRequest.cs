using System.Net;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// An SNMPv3 request awaiting its answer, matched by msgID (RFC 3412 §7.2.10) and then by source, request-id
/// and securityLevel (§7.2.12: a Response comes at the request's level; a Report at that level or below:
/// usmStats Reports are noAuthNoPriv, notInTimeWindows authNoPriv, RFC 3414 §3.2).
/// </summary>
internal sealed class UsmPendingRequest(IPEndPoint agent, int requestId, SnmpSecurityLevel level, UsmLocalizedKeys? keys)
{
    private readonly TaskCompletionSource<UsmReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IPEndPoint Agent { get; } = agent;

    public UsmLocalizedKeys? Keys { get; } = keys;

    public Task<UsmReply> Reply => _completion.Task;

    /// <summary>Completes with <paramref name="pdu"/> when it answers this request at an acceptable level.</summary>
    public bool TryComplete(SnmpPdu pdu, V3Message message) =>
        pdu.Type switch
        {
            SnmpPduType.Response => message.Level == level && pdu.RequestId == requestId,
            SnmpPduType.Report => message.Level <= level,
            _ => false,
        }
        && _completion.TrySetResult(new UsmReply(pdu, message.IsAuthenticated, message.Security));

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
