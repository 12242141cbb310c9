namespace SpeedUp.Drivers;

/// <summary>What identifies a subscriber line on its equipment: the band id and the access account.</summary>
/// <param name="BandId">The line's band id (the equipment's subscriber index).</param>
/// <param name="Account">The broadband access account (PPPoE user name).</param>
public sealed record LineReference(long BandId, string Account);
