using System.Net;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>A request awaiting its response: matched by request id, then by source, version and community.</summary>
internal sealed class PendingRequest(IPEndPoint agent, CommunityMessage request)
{
    private readonly TaskCompletionSource<CommunityMessage> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CommunityMessage> Response => _completion.Task;

    /// <summary>Completes the request when <paramref name="response"/> answers it; false when it does not match.</summary>
    public bool TryComplete(CommunityMessage response, IPEndPoint source) =>
        response.Pdu.Type == SnmpPduType.Response
        && response.Version == request.Version
        && response.Pdu.RequestId == request.Pdu.RequestId
        && source.Equals(agent)
        && response.Community.Span.SequenceEqual(request.Community.Span)
        && _completion.TrySetResult(response);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
