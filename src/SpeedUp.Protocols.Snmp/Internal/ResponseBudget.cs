namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Tracks how many more encoded VarBind bytes fit in a response datagram.</summary>
internal sealed class ResponseBudget
{
    // Each of the three enclosing lengths (message, PDU, VarBindList) can grow from 1 to 3 octets.
    private const int LengthGrowth = 3 * 2;
    private int _remaining;

    public ResponseBudget(CommunityMessage request, int maxDatagramSize)
    {
        var skeleton = request with
        {
            Pdu = SnmpPdu.Response(request.Pdu.RequestId, SnmpErrorStatus.InconsistentName, int.MaxValue, []),
        };
        _remaining = maxDatagramSize - CommunityMessageCodec.Encode(skeleton).Length - LengthGrowth;
    }

    /// <summary>A budget of <paramref name="remainingBytes"/> for the VarBinds (SNMPv3: the caller measured the envelope).</summary>
    public ResponseBudget(int remainingBytes) => _remaining = remainingBytes;

    /// <summary>Reserves room for <paramref name="varBind"/>; false when it does not fit.</summary>
    public bool TryAdd(VarBind varBind)
    {
        var length = VarBindListCodec.EncodedLength(varBind);
        if (length > _remaining)
        {
            return false;
        }

        _remaining -= length;
        return true;
    }
}
