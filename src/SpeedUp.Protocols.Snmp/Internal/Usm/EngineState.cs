namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// A manager's cached view of an authoritative engine (RFC 3414 §2.3): snmpEngineID, snmpEngineBoots,
/// snmpEngineTime and when that time was learned, to estimate the engine's clock now.
/// </summary>
internal sealed record EngineState(byte[] EngineId, int Boots, int Time, long LearnedAtMilliseconds)
{
    /// <summary>The engine's snmpEngineTime now, extrapolated from when it was learned.</summary>
    public int EstimatedTime(long nowMilliseconds) =>
        (int)Math.Clamp(Time + ((nowMilliseconds - LearnedAtMilliseconds) / 1000), 0, int.MaxValue);

    /// <summary>RFC 3414 §3.2 step 7b: an authentic message with later boots/time updates the cache.</summary>
    public EngineState Advance(int boots, int time, long nowMilliseconds) =>
        boots > Boots || (boots == Boots && time > EstimatedTime(nowMilliseconds))
            ? this with { Boots = boots, Time = time, LearnedAtMilliseconds = nowMilliseconds }
            : this;
}
