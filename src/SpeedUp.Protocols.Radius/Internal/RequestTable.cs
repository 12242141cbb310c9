namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>
/// Per identifier: the request in flight, and the last one finished on it (so a late second answer is recognised as a
/// duplicate rather than an unknown identifier).
/// </summary>
internal sealed class RequestTable
{
    private readonly PendingRequest?[] _inFlight = new PendingRequest?[256];
    private readonly PendingRequest?[] _finished = new PendingRequest?[256];
    private readonly Lock _gate = new();

    public void Start(byte id, PendingRequest request)
    {
        lock (_gate)
        {
            _inFlight[id] = request;
        }
    }

    public void Finish(byte id, PendingRequest request)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_inFlight[id], request))
            {
                _inFlight[id] = null;
                _finished[id] = request;
            }
        }
    }

    public (PendingRequest? InFlight, PendingRequest? Finished) Get(byte id)
    {
        lock (_gate)
        {
            return (_inFlight[id], _finished[id]);
        }
    }
}
