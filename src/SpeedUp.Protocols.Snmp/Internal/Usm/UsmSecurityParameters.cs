namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// <c>UsmSecurityParameters</c> (RFC 3414 §2.4): the authoritative engine's ID, boots and time, the user
/// name, the MAC and the privacy salt. Byte arrays are copies, safe to keep after the datagram buffer is reused.
/// </summary>
internal sealed record UsmSecurityParameters(
    byte[] EngineId,
    int EngineBoots,
    int EngineTime,
    byte[] UserName,
    byte[] AuthParameters,
    byte[] PrivParameters);
