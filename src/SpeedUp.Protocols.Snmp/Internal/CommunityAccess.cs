namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>What a request's community allows.</summary>
internal enum CommunityAccess
{
    None,
    Read,
    ReadWrite,
}
